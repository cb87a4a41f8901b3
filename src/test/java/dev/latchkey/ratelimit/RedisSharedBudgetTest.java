package dev.latchkey.ratelimit;

import dev.latchkey.testing.TestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Latchkey servers in this JVM sharing the real Redis at 127.0.0.1:6379 enforce ONE budget per
 * (tenant, group): the {@code oauth2} group is limited to burst 6, refilled at 6 per hour (a token every
 * ten minutes). Time is each server's {@code TestClock}, both set to the same instant (the Redis
 * buckets refill by the node's clock, so nodes' clocks must agree). Only keys under
 * {@link RedisRateLimiter#KEY_PREFIX} are deleted.
 */
class RedisSharedBudgetTest {

    static final String REDIS = "redis://127.0.0.1:6379";
    /** A generous command timeout: on a loaded test machine a 200 ms stall must not switch a node to local buckets. */
    static final String REDIS_FOR_SERVERS = REDIS + "?timeout=2s";

    static TestServer a;
    static TestServer b;

    @BeforeAll
    static void start() throws Exception {
        deleteLimiterKeys();
        Path limits = Files.createTempFile("latchkey-limits", ".json");
        limits.toFile().deleteOnExit();
        Files.writeString(limits, "{\"oauth2\": {\"rate\": 6, \"burst\": 6, \"period\": \"1h0m0s\"}}");
        a = TestServer.start(TestServer.freePort(), c -> c.withRateLimits(limits.toString())
                .withRedisUrl(REDIS_FOR_SERVERS));
        b = TestServer.start(TestServer.freePort(), c -> c.withRateLimits(limits.toString())
                .withRedisUrl(REDIS_FOR_SERVERS));
        // the nodes' clocks must agree (as with NTP): both test clocks are set to the same instant
        Duration skew = Duration.between(a.clock.instant(), b.clock.instant());
        (skew.isNegative() ? b : a).clock.advance(skew.abs());
        for (TestServer server : List.of(a, b)) { // a start on a loaded machine may begin local; it switches within 2 s
            for (long end = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < end
                    && !"redis".equals(TestServer.json(server.get("/ready")).get("rate_limits")); ) {
                Thread.sleep(200);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        deleteLimiterKeys();
    }

    /** Deletes this limiter's keys (and nothing else) from the test Redis. */
    static void deleteLimiterKeys() {
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            var scan = c.sync().scan(ScanArgs.Builder.matches(RedisRateLimiter.KEY_PREFIX + "*").limit(1000));
            while (true) {
                if (!scan.getKeys().isEmpty()) {
                    c.sync().del(scan.getKeys().toArray(String[]::new));
                }
                if (scan.isFinished()) {
                    break;
                }
                scan = c.sync().scan(scan, ScanArgs.Builder.matches(RedisRateLimiter.KEY_PREFIX + "*").limit(1000));
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    static Long pttl(String key) {
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().pttl(key);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void bothServersSayTheirBucketsAreInRedis() {
        for (TestServer server : List.of(a, b)) {
            HttpResponse<String> ready = server.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(ready)).isEqualTo(Map.of("status", "ready", "rate_limits", "redis"));
        }
    }

    @Test
    void sixRequestsSpreadOverBothServersPassAndTheSeventhOnEitherIs429() {
        String path = "/default/admin/.well-known/jwks.json";
        List<TestServer> order = List.of(a, b, b, a, b, a);
        for (int i = 0; i < order.size(); i++) {
            HttpResponse<String> r = order.get(i).get(path);
            assertThat(r.statusCode()).as("request %d", i + 1).isEqualTo(200);
            assertThat(r.headers().firstValue("X-RateLimit-Limit")).hasValue("6");
            assertThat(r.headers().firstValue("X-RateLimit-Remaining")).hasValue(Long.toString(5 - i));
        }
        for (TestServer server : List.of(a, b)) {
            HttpResponse<String> refused = server.get(path);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("600");
            assertThat(TestServer.json(refused)).containsEntry("error", "too_many_requests");
        }
        // the key lives until the bucket would be full again (six tokens at one per ten minutes), plus 1 s
        assertThat(pttl(RedisRateLimiter.KEY_PREFIX + "default:oauth2:6:6:PT1H")).isBetween(3_500_000L, 3_601_000L);

        // eleven minutes later one token is back, for both servers together
        a.clock.advance(Duration.ofMinutes(11));
        b.clock.advance(Duration.ofMinutes(11));
        assertThat(b.get(path).statusCode()).isEqualTo(200);
        assertThat(a.get(path).statusCode()).isEqualTo(429);
        assertThat(b.get(path).statusCode()).isEqualTo(429);
        // the other tenant has its own bucket
        assertThat(a.get("/system/system/.well-known/jwks.json").statusCode()).isEqualTo(200);
    }

    @Test
    void exactlyTheBurstPassesUnder16ConcurrentCallersOnTwoServers() throws Exception {
        String path = "/system/admin/.well-known/jwks.json";
        a.clock.advance(Duration.ofHours(2));
        b.clock.advance(Duration.ofHours(2)); // a full bucket of tenant "system", whatever ran before
        long requestsBefore = counter(a, "latchkey_ratelimit_redis_requests_total")
                + counter(b, "latchkey_ratelimit_redis_requests_total");
        long roundTripsBefore = counter(a, "latchkey_ratelimit_redis_round_trips_total")
                + counter(b, "latchkey_ratelimit_redis_round_trips_total");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            TestServer server = i % 2 == 0 ? a : b;
            calls.add(pool.submit(() -> server.get(path)));
        }
        int ok = 0;
        int limited = 0;
        for (Future<HttpResponse<String>> f : calls) {
            HttpResponse<String> r = f.get();
            assertThat(r.headers().firstValue("X-RateLimit-Limit")).hasValue("6");
            if (r.statusCode() == 200) {
                ok++;
            } else {
                assertThat(r.statusCode()).isEqualTo(429);
                limited++;
            }
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(6);
        assertThat(limited).isEqualTo(42);
        // /metrics: every one of the 48 was limited in Redis, in at most as many round trips (fewer if coalesced)
        long requests = counter(a, "latchkey_ratelimit_redis_requests_total")
                + counter(b, "latchkey_ratelimit_redis_requests_total") - requestsBefore;
        long roundTrips = counter(a, "latchkey_ratelimit_redis_round_trips_total")
                + counter(b, "latchkey_ratelimit_redis_round_trips_total") - roundTripsBefore;
        assertThat(requests).isEqualTo(48);
        assertThat(roundTrips).isBetween(1L, 48L);
    }

    /** A counter without labels from the server's {@code /metrics}. */
    static long counter(TestServer server, String name) {
        String metrics = server.get("/metrics").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("%s in /metrics", name).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
