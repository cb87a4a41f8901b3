package dev.latchkey.ratelimit;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limiting end to end: buckets per (tenant, group) with the seed's free-tier defaults, exact burst
 * under concurrency, 429 with Retry-After, recovery at the configured rate (driven by the server's
 * {@code TestClock}, so nothing sleeps), per-tenant overrides through the root API.
 */
class RateLimitTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.freePort(), c -> c.withRateLimits("default"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    String systemToken() {
        return server.token("/system/system/oauth2/token", "system", TestServer.SYSTEM_CLIENT_SECRET, null);
    }

    HttpResponse<String> put(String path, String token, String json) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build());
    }

    HttpResponse<String> delete(String path, String token) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).DELETE()
                .header("Authorization", "Bearer " + token).build());
    }

    @Test
    void adminGroupAllowsExactlyItsBurstUnderConcurrencyThenRefusesAndRecovers() throws Exception {
        String token = server.adminToken();
        server.clock.advance(Duration.ofMinutes(5)); // a full admin bucket
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            Callable<HttpResponse<String>> call = () -> server.get("/api/admin/default/tenant",
                    "Authorization", "Bearer " + token);
            calls.add(pool.submit(call));
        }
        int ok = 0;
        int limited = 0;
        for (Future<HttpResponse<String>> f : calls) {
            HttpResponse<String> r = f.get();
            assertThat(r.headers().firstValue("X-RateLimit-Limit")).hasValue("50");
            assertThat(r.headers().firstValue("X-RateLimit-Remaining")).isPresent();
            assertThat(r.headers().firstValue("X-RateLimit-Reset")).isPresent();
            if (r.statusCode() == 200) {
                ok++;
            } else {
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.headers().firstValue("Retry-After")).hasValue("1"); // 300/min: a token every 0.2 s
                assertThat(TestServer.json(r)).containsEntry("status_code", 429)
                        .containsEntry("error", "Too many requests").containsEntry("error_code", "too_many_requests");
                limited++;
            }
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(50);
        assertThat(limited).isEqualTo(20);

        server.clock.advance(Duration.ofMillis(400)); // two tokens back at 300/min
        assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(200);
        HttpResponse<String> second = server.get("/api/admin/default/tenant", "Authorization", "Bearer " + token);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(second.headers().firstValue("X-RateLimit-Reset")).hasValue("10"); // 50 tokens at 5/s
        assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(429);
        // other tenants and other groups have their own buckets
        assertThat(server.get("/default/admin/.well-known/jwks.json").statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(5));
    }

    @Test
    void tenantOverrideChangesOnlyThatTenantAndDeleteRestoresTheDefault() {
        String root = systemToken();
        HttpResponse<String> set = put("/api/admin/tenants/default/rate-limits/oauth2", root,
                "{\"rate\": 60, \"burst\": 3, \"period\": \"1m0s\"}");
        assertThat(set.statusCode()).isEqualTo(204);

        Map<String, Object> listed = TestServer.json(server.get("/api/admin/tenants/default/rate-limits",
                "Authorization", "Bearer " + root));
        assertThat(listed.get("tenant")).isEqualTo(Map.of("oauth2", Map.of("rate", 60, "burst", 3, "period", "1m0s")));
        assertThat(listed.get("global")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("admin",
                Map.of("rate", 300, "burst", 50, "period", "1m0s"));

        server.clock.advance(Duration.ofMinutes(5));
        int ok = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = server.get("/default/admin/.well-known/jwks.json");
            assertThat(last.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
            ok += last.statusCode() == 200 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(3);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(TestServer.json(last)).containsEntry("error", "too_many_requests").containsEntry("status_code", 429);
        // tenant "system" keeps the default oauth2 limit
        assertThat(server.get("/system/system/.well-known/jwks.json").headers().firstValue("X-RateLimit-Limit"))
                .hasValue("500");

        assertThat(delete("/api/admin/tenants/default/rate-limits/oauth2", root).statusCode()).isEqualTo(204);
        assertThat(server.get("/default/admin/.well-known/jwks.json").headers().firstValue("X-RateLimit-Limit"))
                .hasValue("500");
        assertThat(delete("/api/admin/tenants/default/rate-limits/oauth2", root).statusCode()).isEqualTo(404);
    }

    @Test
    void rootApiRefusesOtherTokensAndBadInput() {
        String admin = server.adminToken();
        String root = systemToken();
        assertThat(server.get("/api/admin/tenants/default/rate-limits", "Authorization", "Bearer " + admin)
                .statusCode()).isEqualTo(403);
        assertThat(server.get("/api/admin/tenants/default/rate-limits").statusCode()).isEqualTo(401);
        assertThat(put("/api/admin/tenants/default/rate-limits/nonsense", root,
                "{\"rate\":1,\"burst\":1,\"period\":\"1m\"}").statusCode()).isEqualTo(400);
        assertThat(put("/api/admin/tenants/default/rate-limits/admin", root,
                "{\"rate\":1,\"burst\":1,\"period\":\"1 minute\"}").statusCode()).isEqualTo(400);
        assertThat(put("/api/admin/tenants/default/rate-limits/admin", root,
                "{\"rate\":0,\"burst\":1,\"period\":\"1m\"}").statusCode()).isEqualTo(400);
        assertThat(put("/api/admin/tenants/default/rate-limits/admin", root,
                "{\"rate\":\"x\",\"burst\":1,\"period\":\"1m\"}").statusCode()).isEqualTo(400);
        assertThat(put("/api/admin/tenants/default/rate-limits/admin", root, "{").statusCode()).isEqualTo(400);
        assertThat(put("/api/admin/tenants/nosuchtenant/rate-limits/admin", root,
                "{\"rate\":1,\"burst\":1,\"period\":\"1m\"}").statusCode()).isEqualTo(404);
        Map<String, Object> listed = TestServer.json(server.get("/api/admin/tenants/default/rate-limits",
                "Authorization", "Bearer " + root));
        assertThat(listed.get("tenant")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).doesNotContainKey("admin");
    }

    @Test
    void operationsEndpointsAreNotLimited() {
        HttpResponse<String> alive = server.get("/alive");
        assertThat(alive.statusCode()).isEqualTo(200);
        assertThat(alive.headers().firstValue("X-RateLimit-Limit")).isEmpty();
    }
}
