package dev.latchkey.oauth;

import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code access_token_strategy: opaque}: switching a workspace through the Admin API makes its token
 * endpoint issue opaque tokens at once; they authenticate management API callers like JWTs (until they
 * expire), are stored only as hashes, and switching back gives JWTs again.
 */
class OpaqueTokensTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    void setStrategy(String strategy) throws Exception {
        String token = server.adminToken();
        HttpResponse<String> current = server.get("/api/admin/default/servers/admin", "Authorization", "Bearer " + token);
        assertThat(current.statusCode()).isEqualTo(200);
        Map<String, Object> body = TestServer.json(current);
        body.put("access_token_strategy", strategy);
        HttpResponse<String> updated = server.send(HttpRequest.newBuilder(server.uri("/api/admin/default/servers/admin"))
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    }

    @Test
    void opaqueWorkspaceIssuesOpaqueTokensThatAuthenticateApiCallersUntilTheyExpire() throws Exception {
        setStrategy("opaque");
        try {
            HttpResponse<String> response = server.postForm("/default/admin/oauth2/token", "grant_type=client_credentials"
                    + "&client_id=" + TestServer.ADMIN_CLIENT_ID + "&client_secret=" + TestServer.ADMIN_CLIENT_SECRET);
            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> body = TestServer.json(response);
            String token = (String) body.get("access_token");
            assertThat(token).doesNotContain(".").hasSizeGreaterThanOrEqualTo(43);
            assertThat(body).containsEntry("token_type", "bearer").containsEntry("expires_in", 3600)
                    .containsEntry("scope", "introspect_tokens revoke_tokens");

            assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + token).statusCode())
                    .isEqualTo(200);
            assertThat(server.get("/api/admin/system/tenant", "Authorization", "Bearer " + token).statusCode())
                    .isEqualTo(403);
            String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + forged).statusCode())
                    .isEqualTo(401);
            Long stored = server.server().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM opaque_tokens WHERE doc LIKE :t OR token_hash = :t").bind("t", "%" + token + "%")
                    .mapTo(Long.class).one());
            assertThat(stored).as("the token itself is never stored").isZero();

            server.clock.advance(Duration.ofHours(2));
            HttpResponse<String> expired = server.get("/api/admin/default/tenant", "Authorization", "Bearer " + token);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(TestServer.json(expired)).containsEntry("error_code", "token_expired");
        } finally {
            setStrategy("jwt");
        }
        assertThat(server.adminToken()).contains(".");
    }
}
