package dev.latchkey.ratelimit;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of one installation (one PostgreSQL schema, one Redis) spend one rate-limit budget, and a
 * per-tenant override set through one node applies on the other: the production set-up of issue 7.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeRateLimitTest {

    private static TestServer a;
    private static TestServer b;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(TestServer.usesPostgres(), "several nodes need PostgreSQL");
        RedisSharedBudgetTest.deleteLimiterKeys();
        Path limits = Files.createTempFile("latchkey-limits", ".json");
        limits.toFile().deleteOnExit();
        Files.writeString(limits, "{\"oauth2\": {\"rate\": 5, \"burst\": 5, \"period\": \"1h0m0s\"}}");
        a = TestServer.start(TestServer.freePort(), c -> c.withRateLimits(limits.toString())
                .withRedisUrl(RedisSharedBudgetTest.REDIS_FOR_SERVERS));
        b = a.secondNode();
        for (TestServer node : List.of(a, b)) {
            for (long end = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < end
                    && !"redis".equals(TestServer.json(node.get("/ready")).get("rate_limits")); ) {
                Thread.sleep(200);
            }
        }
    }

    @AfterAll
    static void stop() {
        TestServer.closeAll(b, a);
        RedisSharedBudgetTest.deleteLimiterKeys();
    }

    @Test
    @Order(1)
    void fiveRequestsOverBothNodesPassTheSixthIsRefusedOnEither() {
        String path = "/default/admin/.well-known/jwks.json";
        List<TestServer> order = List.of(a, b, a, b, b);
        for (int i = 0; i < order.size(); i++) {
            HttpResponse<String> r = order.get(i).get(path);
            assertThat(r.statusCode()).as("request %d", i + 1).isEqualTo(200);
            assertThat(r.headers().firstValue("X-RateLimit-Remaining")).hasValue(Long.toString(4 - i));
        }
        assertThat(a.get(path).statusCode()).isEqualTo(429);
        assertThat(b.get(path).statusCode()).isEqualTo(429);
    }

    @Test
    @Order(2)
    void aTenantOverrideSetThroughOneNodeAppliesOnTheOtherWithinASecond() throws Exception {
        String root = a.token("/system/system/oauth2/token", "system", TestServer.SYSTEM_CLIENT_SECRET, null);
        HttpResponse<String> set = a.send(java.net.http.HttpRequest.newBuilder(
                        a.uri("/api/admin/tenants/default/rate-limits/oauth2"))
                .header("Authorization", "Bearer " + root).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"rate\": 100, \"burst\": 40, \"period\": \"1m0s\"}")).build());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
        long start = System.nanoTime();
        while (!b.get("/default/admin/.well-known/jwks.json").headers().firstValue("X-RateLimit-Limit")
                .equals(java.util.Optional.of("40"))) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            Thread.sleep(20);
        }
    }
}
