package dev.latchkey.oauth;

import dev.latchkey.store.StatementCounter;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.latchkey.testing.TestServer.ADMIN_CLIENT_ID;
import static dev.latchkey.testing.TestServer.ADMIN_CLIENT_SECRET;
import static dev.latchkey.testing.TestServer.SYSTEM_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Design §5 and style.md: once the caches are warm, the token endpoint, the JWKS and discovery do no
 * database I/O at all, counted by the {@link StatementCounter} every JDBI statement goes through.
 */
class HotPathTest {

    private static final String ADMIN_TOKEN = "/default/admin/oauth2/token";
    private static final String SYSTEM_TOKEN = "/system/system/oauth2/token";
    private static final Pattern METRIC =
            Pattern.compile("(?m)^latchkey_db_statements_total(?:\\{[^}]*})? ([0-9.eE+]+)$");

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void warmTokenJwksAndDiscoveryRequestsExecuteNoStatements() {
        warmUp();
        StatementCounter statements = server.server().parts().statements();
        long before = statements.onRequestThreads();
        long totalBefore = statements.total();

        for (int i = 0; i < 200; i++) {
            HttpResponse<String> response = switch (i % 4) {
                case 0 -> post(ADMIN_TOKEN, ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET);
                case 1 -> basic(ADMIN_TOKEN, ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET);
                case 2 -> post(SYSTEM_TOKEN, "system", SYSTEM_CLIENT_SECRET);
                default -> basic(SYSTEM_TOKEN, "system", SYSTEM_CLIENT_SECRET);
            };
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(server.get("/default/admin/.well-known/jwks.json").statusCode()).isEqualTo(200);
            assertThat(server.get(i % 2 == 0 ? "/default/admin/.well-known/openid-configuration"
                    : "/system/system/.well-known/oauth-authorization-server").statusCode()).isEqualTo(200);
        }
        // failures of known clients and of known-missing workspaces are answered from memory too
        for (int i = 0; i < 20; i++) {
            assertThat(post(ADMIN_TOKEN, ADMIN_CLIENT_ID, "wrong-secret").statusCode()).isEqualTo(401);
            assertThat(post("/default/nowhere/oauth2/token", ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET).statusCode())
                    .isEqualTo(404);
        }

        // (security events of these requests are written by the audit queue's background thread, in batches)
        assertThat(statements.onRequestThreads()).as("SQL statements on the warm hot path").isEqualTo(before);
        long metric = metricValue();
        assertThat(metric).isBetween(totalBefore, statements.total());
    }

    @Test
    void introspectionAndAdminReadsWithTokensNeverSeenBeforeExecuteNoStatements() {
        warmUp();
        String basic = "Basic " + Base64.getEncoder().encodeToString((ADMIN_CLIENT_ID + ":" + ADMIN_CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        String read = "/api/admin/default/servers/admin";
        assertThat(server.get(read, "Authorization", "Bearer " + server.adminToken()).statusCode())
                .isEqualTo(200); // the workspace's answer is built once
        java.util.List<String> fresh = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fresh.add((String) TestServer.json(post(ADMIN_TOKEN, ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET))
                    .get("access_token"));
        }
        StatementCounter statements = server.server().parts().statements();
        long before = statements.onRequestThreads();

        for (int i = 0; i < fresh.size(); i++) {
            String token = fresh.get(i);
            if (i % 2 == 0) {
                HttpResponse<String> introspected = server.postForm("/default/admin/oauth2/introspect",
                        "token=" + token, "Authorization", basic);
                assertThat(TestServer.json(introspected)).containsEntry("active", true);
            } else {
                HttpResponse<String> answer = server.get(read, "Authorization", "Bearer " + token);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            }
        }

        // issue 8: no revocation look-up per new token, no workspace or key read per Admin read
        assertThat(statements.onRequestThreads()).as("SQL statements for tokens never seen before").isEqualTo(before);
    }

    @Test
    void adminTenantResourceReadsExactlyOneRowPerCall() {
        warmUp();
        String token = server.adminToken();
        assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(200);
        StatementCounter statements = server.server().parts().statements();
        long before = statements.onRequestThreads();
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = server.get("/api/admin/default/tenant", "Authorization", "Bearer " + token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        // token verification uses the cached key ring; only the tenants row is read
        assertThat(statements.onRequestThreads() - before).isEqualTo(50);
    }

    @Test
    void metricsReportTheStatementCounter() {
        long before = server.server().parts().statements().total();
        assertThat(before).as("bootstrap and the first loads ran statements").isPositive();
        long reported = metricValue();
        // background writers (audit events, key schedules) may run a statement meanwhile
        assertThat(reported).isBetween(before, server.server().parts().statements().total());
    }

    private static void warmUp() {
        for (int i = 0; i < 3; i++) {
            assertThat(post(ADMIN_TOKEN, ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET).statusCode()).isEqualTo(200);
            assertThat(basic(ADMIN_TOKEN, ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET).statusCode()).isEqualTo(200);
            assertThat(post(SYSTEM_TOKEN, "system", SYSTEM_CLIENT_SECRET).statusCode()).isEqualTo(200);
            assertThat(basic(SYSTEM_TOKEN, "system", SYSTEM_CLIENT_SECRET).statusCode()).isEqualTo(200);
            assertThat(post("/default/nowhere/oauth2/token", ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET).statusCode())
                    .isEqualTo(404);
            assertThat(server.get("/default/admin/.well-known/jwks.json").statusCode()).isEqualTo(200);
            assertThat(server.get("/system/system/.well-known/jwks.json").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> post(String path, String clientId, String secret) {
        return server.postForm(path, "grant_type=client_credentials&client_id=" + clientId
                + "&client_secret=" + secret);
    }

    private static HttpResponse<String> basic(String path, String clientId, String secret) {
        String credentials = Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return server.postForm(path, "grant_type=client_credentials", "Authorization", "Basic " + credentials);
    }

    private static long metricValue() {
        HttpResponse<String> response = server.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher m = METRIC.matcher(response.body());
        assertThat(m.find()).as("latchkey_db_statements_total in:\n" + response.body()).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
