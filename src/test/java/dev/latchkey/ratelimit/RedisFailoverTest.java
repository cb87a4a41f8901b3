package dev.latchkey.ratelimit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.cli.Main;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter never refuses or fails a request because Redis is unreachable: a server pointed at a dead
 * port starts, serves and limits with local buckets ({@code /ready} says so, still 200); a server whose
 * Redis goes away (a TCP relay to the real Redis at 127.0.0.1:6379 that the test stops and starts again;
 * the real Redis is never stopped) falls back to local buckets and returns to Redis when it is back,
 * logging each transition once.
 */
class RedisFailoverTest {

    static Path limits;

    @BeforeAll
    static void writeLimits() throws IOException {
        RedisSharedBudgetTest.deleteLimiterKeys();
        limits = Files.createTempFile("latchkey-limits", ".json");
        limits.toFile().deleteOnExit();
        Files.writeString(limits, "{\"oauth2\": {\"rate\": 3, \"burst\": 3, \"period\": \"1h0m0s\"}}");
    }

    @AfterAll
    static void cleanUp() {
        RedisSharedBudgetTest.deleteLimiterKeys();
    }

    @Test
    void aServerWhoseRedisIsDeadStartsServesAndLimitsLocally() {
        try (TestServer server = TestServer.start(TestServer.freePort(),
                c -> c.withRateLimits(limits.toString()).withRedisUrl("redis://127.0.0.1:1"))) {
            HttpResponse<String> ready = server.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(ready)).isEqualTo(Map.of("status", "ready",
                    "rate_limits", "local (redis unreachable)"));
            // the token endpoint (oauth2: 1 of 3) and the admin API work, spending local buckets
            assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + server.adminToken())
                    .statusCode()).isEqualTo(200);
            String path = "/default/admin/.well-known/jwks.json";
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = server.get(path);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(1 - i));
            }
            HttpResponse<String> refused = server.get(path);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1200");
            assertThat(TestServer.json(server.get("/ready"))).containsEntry("rate_limits", "local (redis unreachable)");
        }
    }

    @Test
    void aMalformedRedisUrlIsAUsageError() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("serve", "--port", "0", "--redis-url", "127.0.0.1:6379")).isEqualTo(2);
            assertThat(Main.run("serve", "--port", "0", "--redis-url", "redis://")).isEqualTo(2);
        } finally {
            System.setErr(originalErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--redis-url: must look like redis://host:port");
    }

    @Test
    void limitingOffNeverTouchesRedisAndReadyHasNoDetail() {
        try (TestServer server = TestServer.start(TestServer.freePort(),
                c -> c.withRateLimits("off").withRedisUrl("redis://127.0.0.1:1"))) {
            assertThat(TestServer.json(server.get("/ready"))).isEqualTo(Map.of("status", "ready"));
            assertThat(server.get("/default/admin/.well-known/jwks.json").headers().firstValue("X-RateLimit-Limit"))
                    .isEmpty();
        }
    }

    @Test
    void fallsBackWhenRedisGoesAwayAndReturnsWhenItIsBackLoggingEachTransitionOnce() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(FailoverRateLimiter.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        int relayPort = TestServer.freePort();
        RedisRelay relay = RedisRelay.start(relayPort);
        try (TestServer server = TestServer.start(TestServer.freePort(),
                c -> c.withRateLimits(limits.toString()).withRedisUrl("redis://127.0.0.1:" + relayPort))) {
            String path = "/system/system/.well-known/jwks.json";
            assertThat(TestServer.json(server.get("/ready"))).containsEntry("rate_limits", "redis");
            assertThat(server.get(path).headers().firstValue("X-RateLimit-Remaining")).hasValue("2");

            relay.stop();
            for (int i = 0; i < 5; i++) { // never failed: the first after the loss falls back at once
                long t0 = System.nanoTime();
                HttpResponse<String> r = server.get(path);
                assertThat(r.statusCode()).isIn(200, 429);
                assertThat(r.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
                assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(2).toNanos());
            }
            assertThat(TestServer.json(server.get("/ready"))).isEqualTo(Map.of("status", "ready",
                    "rate_limits", "local (redis unreachable)"));

            relay = RedisRelay.start(relayPort);
            String mode = "";
            for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < deadline; ) {
                mode = (String) TestServer.json(server.get("/ready")).get("rate_limits");
                if (mode.equals("redis")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(mode).isEqualTo("redis");
            // back on the shared bucket: it still has the state written before the loss (2 left)
            assertThat(server.get(path).headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
        } finally {
            relay.stop();
            logger.detachAppender(log);
        }
        List<String> transitions = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        assertThat(transitions).hasSize(3);
        assertThat(transitions.get(0)).startsWith("INFO rate limits: buckets shared in Redis at 127.0.0.1:" + relayPort);
        assertThat(transitions.get(1)).startsWith("WARN rate limits: Redis at 127.0.0.1:" + relayPort + " failed");
        assertThat(transitions.get(2)).startsWith("INFO rate limits: Redis at 127.0.0.1:" + relayPort
                + " is reachable again");
    }
}
