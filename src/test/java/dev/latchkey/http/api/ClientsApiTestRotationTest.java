package dev.latchkey.http.api;

import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.ClientsApiTestHttp.CLIENTS;
import static dev.latchkey.http.api.ClientsApiTestHttp.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secret rotation (rotateClientSecret, revokeRotatedClientSecrets) as the token endpoint sees it: the new
 * secret works at once, the previous one until it is revoked or its {@code auto_revoke_after} passes (on the
 * injected clock), at most two rotated secrets are kept, and rotated secrets are encrypted at rest.
 */
class ClientsApiTestRotationTest {

    private static final String TOKEN = "/default/admin/oauth2/token";

    static TestServer server;
    static ClientsApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ClientsApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String rotate(String clientId, String query) {
        HttpResponse<String> response = http.post(CLIENTS + "/" + clientId + "/rotateSecret" + query, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsOnlyKeys("secret");
        return (String) body.get("secret");
    }

    @Test
    void theOldSecretWorksAfterRotationUntilRevoked() {
        Map<String, Object> client = http.createService("admin");
        String id = (String) client.get("client_id");
        String old = (String) client.get("client_secret");
        assertThat(http.tokenStatus(TOKEN, client, old)).isEqualTo(200);

        String fresh = rotate(id, "");

        assertThat(fresh).isNotEqualTo(old).hasSizeGreaterThanOrEqualTo(32);
        assertThat(http.tokenStatus(TOKEN, client, fresh)).isEqualTo(200);
        assertThat(http.tokenStatus(TOKEN, client, old)).isEqualTo(200);
        assertThat(http.tokenPost(TOKEN, id, old).statusCode()).isEqualTo(200);
        Map<String, Object> got = TestServer.json(http.get(CLIENTS + "/" + id));
        assertThat(got).containsEntry("client_secret", fresh).containsEntry("rotated_secrets", List.of(old));
        assertThat(http.auditEvents("rotated", id)).isEqualTo(1);

        HttpResponse<String> revoked = http.post(CLIENTS + "/" + id + "/revokeRotatedSecrets", "");

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        assertThat(http.tokenStatus(TOKEN, client, old)).isEqualTo(401);
        assertThat(http.tokenPost(TOKEN, id, old).statusCode()).isEqualTo(401);
        assertThat(http.tokenStatus(TOKEN, client, fresh)).isEqualTo(200);
        assertThat(TestServer.json(http.get(CLIENTS + "/" + id))).containsEntry("rotated_secrets", List.of());
        assertThat(http.auditEvents("revoked", id)).isEqualTo(1);
    }

    @Test
    void theOldSecretStopsWorkingWhenAutoRevokeAfterHasPassed() {
        Map<String, Object> client = http.createService("admin");
        String id = (String) client.get("client_id");
        String old = (String) client.get("client_secret");

        String fresh = rotate(id, "?auto_revoke_after=1h");

        assertThat(http.tokenStatus(TOKEN, client, old)).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(59));
        assertThat(http.tokenStatus(TOKEN, client, old)).isEqualTo(200);
        assertThat(TestServer.json(http.get(CLIENTS + "/" + id))).containsEntry("rotated_secrets", List.of(old));
        server.clock.advance(Duration.ofMinutes(1));
        assertThat(http.tokenStatus(TOKEN, client, old)).isEqualTo(401);
        assertThat(http.tokenStatus(TOKEN, client, fresh)).isEqualTo(200);
        assertThat(TestServer.json(http.get(CLIENTS + "/" + id))).containsEntry("rotated_secrets", List.of());
    }

    @Test
    void autoRevokeAfterZeroNeverRevokes() {
        Map<String, Object> client = http.createService("admin");
        String old = (String) client.get("client_secret");
        rotate((String) client.get("client_id"), "?auto_revoke_after=0");
        server.clock.advance(Duration.ofDays(400));
        assertThat(http.tokenStatus(TOKEN, client, old)).isEqualTo(200);
    }

    @Test
    void atMostTwoRotatedSecretsAreKept() {
        Map<String, Object> client = http.createService("admin");
        String id = (String) client.get("client_id");
        String first = (String) client.get("client_secret");
        String second = rotate(id, "");
        String third = rotate(id, "");
        String fourth = rotate(id, "");

        assertThat(http.tokenStatus(TOKEN, client, first)).isEqualTo(401);
        for (String secret : List.of(second, third, fourth)) {
            assertThat(http.tokenStatus(TOKEN, client, secret)).isEqualTo(200);
        }
        assertThat(TestServer.json(http.get(CLIENTS + "/" + id)))
                .containsEntry("client_secret", fourth).containsEntry("rotated_secrets", List.of(third, second));
    }

    @Test
    void rotatedSecretsAreEncryptedAtRest() {
        Map<String, Object> client = http.createService("admin");
        String id = (String) client.get("client_id");
        String old = (String) client.get("client_secret");
        String fresh = rotate(id, "?auto_revoke_after=30m");

        String doc = http.storedDoc("default", id);

        assertThat(doc).doesNotContain(old).doesNotContain(fresh).contains("\"v1.");
        // after a restart (empty caches) both still work: they decrypt
        server.restart();
        assertThat(http.tokenStatus(TOKEN, client, old)).isEqualTo(200);
        assertThat(http.tokenStatus(TOKEN, client, fresh)).isEqualTo(200);
    }

    @Test
    void aPutKeepsRotatedSecretsAndTheirExpiry() {
        Map<String, Object> client = http.createService("admin");
        String id = (String) client.get("client_id");
        String old = (String) client.get("client_secret");
        rotate(id, "?auto_revoke_after=10m");

        HttpResponse<String> got = http.get(CLIENTS + "/" + id);
        assertThat(http.put(CLIENTS + "/" + id, got.body()).statusCode()).isEqualTo(200);
        assertThat(http.tokenStatus(TOKEN, client, old)).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(10));
        assertThat(http.tokenStatus(TOKEN, client, old)).isEqualTo(401);

        // an empty rotated_secrets list in a PUT revokes them as revokeRotatedSecrets does
        String newer = rotate(id, "");
        String current = (String) TestServer.json(http.get(CLIENTS + "/" + id)).get("client_secret");
        Map<String, Object> body = new LinkedHashMap<>(TestServer.json(http.get(CLIENTS + "/" + id)));
        assertThat(body.get("rotated_secrets")).asList().hasSize(1);
        body.put("rotated_secrets", List.of());
        assertThat(http.put(CLIENTS + "/" + id, Json.write(body)).statusCode()).isEqualTo(200);
        assertThat(current).isEqualTo(newer);
        assertThat(http.tokenStatus(TOKEN, client, newer)).isEqualTo(200);
    }

    @Test
    void anExpiredSecretFailsAndARotationGivesAWorkingOne() {
        Map<String, Object> client = http.createService("admin");
        String id = (String) client.get("client_id");
        String secret = (String) client.get("client_secret");
        long soon = server.clock.instant().getEpochSecond() + 60;
        Map<String, Object> body = new LinkedHashMap<>(client);
        body.put("client_secret_expires_at", soon);
        assertThat(http.put(CLIENTS + "/" + id, Json.write(body)).statusCode()).isEqualTo(200);
        assertThat(http.tokenStatus(TOKEN, client, secret)).isEqualTo(200);

        server.clock.advance(Duration.ofSeconds(61));
        assertThat(http.tokenStatus(TOKEN, client, secret)).isEqualTo(401);

        String fresh = rotate(id, "");
        assertThat(http.tokenStatus(TOKEN, client, fresh)).isEqualTo(200);
        assertThat(TestServer.json(http.get(CLIENTS + "/" + id))).containsEntry("client_secret_expires_at", 0);
    }

    @Test
    void badAutoRevokeAfterIs400AndChangesNothing() {
        Map<String, Object> client = http.createService("admin");
        String id = (String) client.get("client_id");
        String path = CLIENTS + "/" + id + "/rotateSecret";
        long events = http.auditEvents();
        for (String query : List.of("?auto_revoke_after=soon", "?auto_revoke_after=-1h", "?auto_revoke_after=1d",
                "?auto_revoke_after=10", "?auto_revoke_after=1h&auto_revoke_after=2h")) {
            Map<String, Object> error = assertApiError(http.post(path + query, ""), 400);
            assertThat(error).as(query).containsEntry("error_code", "bad_request");
        }
        assertThat(http.auditEvents()).isEqualTo(events);
        assertThat(TestServer.json(http.get(CLIENTS + "/" + id)))
                .containsEntry("client_secret", client.get("client_secret"))
                .containsEntry("rotated_secrets", List.of());
    }

    @Test
    void secretOperationsHonourIfMatchAndTenantIsolation() {
        Map<String, Object> client = http.createService("admin");
        String id = (String) client.get("client_id");
        String stale = "\"stale\"";
        assertApiError(http.post(CLIENTS + "/" + id + "/rotateSecret", "", "If-Match", stale), 412);
        assertApiError(http.post(CLIENTS + "/" + id + "/revokeRotatedSecrets", "", "If-Match", stale), 412);
        assertThat(TestServer.json(http.get(CLIENTS + "/" + id)))
                .containsEntry("client_secret", client.get("client_secret"));
        String etag = http.get(CLIENTS + "/" + id).headers().firstValue("ETag").orElseThrow();
        assertThat(http.post(CLIENTS + "/" + id + "/rotateSecret", "", "If-Match", etag).statusCode())
                .isEqualTo(200);

        // the system tenant's built-in client is not reachable from the default tenant
        assertApiError(http.post(CLIENTS + "/system/rotateSecret", ""), 404);
        assertApiError(http.post(CLIENTS + "/system/revokeRotatedSecrets", ""), 404);
        assertApiError(http.post(CLIENTS + "/no-such-client/rotateSecret", ""), 404);
        assertThat(server.postForm("/system/system/oauth2/token", "grant_type=client_credentials&client_id=system"
                + "&client_secret=" + TestServer.SYSTEM_CLIENT_SECRET).statusCode()).isEqualTo(200);
        // a default admin token on the system tenant's API is 403
        assertApiError(http.post("/api/admin/system/clients/system/rotateSecret", ""), 403);
    }

    @Test
    void concurrentRotationsAreSerializedAndLoseNoSecret() throws Exception {
        Map<String, Object> client = http.createService("admin");
        String id = (String) client.get("client_id");
        http.adminToken(); // fetched once, before the threads share it
        List<java.util.concurrent.Future<String>> rotations = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                rotations.add(pool.submit(() -> rotate(id, "")));
            }
        }
        java.util.Set<String> issued = new java.util.HashSet<>();
        for (var rotation : rotations) {
            issued.add(rotation.get());
        }
        assertThat(issued).hasSize(6);

        Map<String, Object> got = TestServer.json(http.get(CLIENTS + "/" + id));
        String current = (String) got.get("client_secret");
        @SuppressWarnings("unchecked")
        List<String> rotated = (List<String>) got.get("rotated_secrets");
        // each rotation saw the one before it: the current secret and the two rotated ones are three of the six
        assertThat(issued).contains(current).containsAll(rotated);
        assertThat(rotated).hasSize(2).doesNotContain(current);
        for (String secret : issued) {
            boolean live = secret.equals(current) || rotated.contains(secret);
            assertThat(http.tokenStatus(TOKEN, client, secret)).isEqualTo(live ? 200 : 401);
        }
        assertThat(http.auditEvents("rotated", id)).isEqualTo(6);
    }
}
