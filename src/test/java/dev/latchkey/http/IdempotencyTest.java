package dev.latchkey.http;

import dev.latchkey.idempotency.IdempotencyKey;
import dev.latchkey.idempotency.IdempotentRequests;
import dev.latchkey.idempotency.JdbiIdempotencyRepository;
import dev.latchkey.idempotency.StoredResponse;
import dev.latchkey.store.SecretBox;
import dev.latchkey.support.ApiException;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code X-Idempotency-Key} on management API POSTs: a retry within a minute with the same key and
 * request is answered from the store without running the endpoint again ({@code X-Idempotent-Replayed:
 * true}); the same key for another request is 422; failed answers are not kept; after a minute the key is
 * free again; keys belong to one caller; requests without a key, and the token endpoint, are untouched.
 */
class IdempotencyTest {

    private static final String SERVERS = "/api/admin/default/servers";
    private static final String CLIENTS = "/api/admin/default/clients";

    static TestServer server;
    static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        token = server.adminToken();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    private static HttpResponse<String> post(String path, String bearer, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return server.send(b.build());
    }

    private static long count(String table) {
        return server.server().database().jdbi().withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    private static void assertApiError(HttpResponse<String> response, int status, String errorCode) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestServer.json(response)).containsEntry("status_code", status)
                .containsEntry("error_code", errorCode);
    }

    @Test
    void sameKeyAndBodyCreatesOneWorkspaceAndReplaysTheFirstAnswer() {
        String key = newKey();
        String body = "{\"tenant_id\": \"default\", \"name\": \"Idempotent\"}"; // the id is generated
        long workspaces = count("workspaces");
        long events = count("audit_events");

        HttpResponse<String> first = post(SERVERS, token, body, "X-Idempotency-Key", key);
        HttpResponse<String> second = post(SERVERS, token, body, "X-Idempotency-Key", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("X-Idempotent-Replayed")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("X-Idempotent-Replayed")).hasValue("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag")).isPresent();
        assertThat(second.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(count("workspaces")).isEqualTo(workspaces + 1);
        assertThat(count("audit_events")).isEqualTo(events + 1);
        String id = (String) TestServer.json(first).get("id");
        assertThat(server.get(SERVERS + "/" + id, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndChangesNothing() {
        String key = newKey();
        String id = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"tenant_id\": \"default\", \"id\": \"" + id + "\"}";
        assertThat(post(SERVERS, token, body, "X-Idempotency-Key", key).statusCode()).isEqualTo(201);
        long workspaces = count("workspaces");

        HttpResponse<String> other = post(SERVERS, token, body.replace(id, id + "-2"), "X-Idempotency-Key", key);

        assertApiError(other, 422, "idempotency_key_reused");
        assertThat(count("workspaces")).isEqualTo(workspaces);
        assertThat(server.get(SERVERS + "/" + id + "-2", "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(404);
        // the same body on another path, or with another query, is another request too
        assertApiError(post(SERVERS + "?x=1", token, body, "X-Idempotency-Key", key), 422, "idempotency_key_reused");
        assertApiError(post(CLIENTS, token, body, "X-Idempotency-Key", key), 422, "idempotency_key_reused");
    }

    @Test
    void afterAMinuteTheKeyCanBeUsedAgain() {
        String key = newKey();
        String body = "{\"tenant_id\": \"default\", \"name\": \"Minute\"}";
        HttpResponse<String> first = post(SERVERS, token, body, "X-Idempotency-Key", key);
        server.clock.advance(Duration.ofSeconds(59));
        HttpResponse<String> replayed = post(SERVERS, token, body, "X-Idempotency-Key", key);
        server.clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> again = post(SERVERS, token, body, "X-Idempotency-Key", key);
        HttpResponse<String> otherBody = post(SERVERS, token, body.replace("Minute", "Other"),
                "X-Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(replayed.headers().firstValue("X-Idempotent-Replayed")).hasValue("true");
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("X-Idempotent-Replayed")).isEmpty();
        assertThat(TestServer.json(again).get("id")).isNotEqualTo(TestServer.json(first).get("id"));
        assertThat(otherBody.statusCode()).as("within the minute of the second use").isEqualTo(422);
    }

    @Test
    void withoutAKeyEveryRequestRuns() {
        String body = "{\"tenant_id\": \"default\", \"name\": \"No key\"}";
        long workspaces = count("workspaces");
        long kept = count("idempotent_requests");

        HttpResponse<String> first = post(SERVERS, token, body);
        HttpResponse<String> second = post(SERVERS, token, body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("X-Idempotent-Replayed")).isEmpty();
        assertThat(TestServer.json(second).get("id")).isNotEqualTo(TestServer.json(first).get("id"));
        assertThat(count("workspaces")).isEqualTo(workspaces + 2);
        assertThat(count("idempotent_requests")).as("nothing kept without a key").isEqualTo(kept);
    }

    @Test
    void failedAnswersAreNotKeptSoARetryRunsAgain() {
        String key = newKey();
        HttpResponse<String> malformed = post(SERVERS, token, "{\"tenant_id\": ", "X-Idempotency-Key", key);
        HttpResponse<String> again = post(SERVERS, token, "{\"tenant_id\": ", "X-Idempotency-Key", key);
        HttpResponse<String> fixed = post(SERVERS, token, "{\"tenant_id\": \"default\"}", "X-Idempotency-Key", key);

        assertApiError(malformed, 400, "bad_request");
        assertApiError(again, 400, "bad_request");
        assertThat(again.headers().firstValue("X-Idempotent-Replayed")).isEmpty();
        assertThat(fixed.statusCode()).isEqualTo(201);
        assertThat(fixed.headers().firstValue("X-Idempotent-Replayed")).isEmpty();
    }

    @Test
    void aPostWithoutBodyIsReplayedToo() {
        HttpResponse<String> created = post(CLIENTS, token, """
                {"tenant_id": "default", "authorization_server_id": "default", "grant_types": ["client_credentials"]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) TestServer.json(created).get("client_id");
        String key = newKey();

        HttpResponse<String> first = post(CLIENTS + "/" + id + "/rotateSecret", token, "", "X-Idempotency-Key", key);
        HttpResponse<String> second = post(CLIENTS + "/" + id + "/rotateSecret", token, "", "X-Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Idempotent-Replayed")).hasValue("true");
        assertThat(TestServer.json(second).get("secret")).isEqualTo(TestServer.json(first).get("secret"));
        Map<String, Object> client = TestServer.json(server.get(CLIENTS + "/" + id, "Authorization", "Bearer " + token));
        assertThat(client.get("client_secret")).isEqualTo(TestServer.json(first).get("secret"));
        assertThat((java.util.List<?>) client.get("rotated_secrets")).hasSize(1); // rotated once, not twice
    }

    @Test
    void keysBelongToTheCallerThatUsedThem() {
        HttpResponse<String> created = post(CLIENTS, token, """
                {"tenant_id": "default", "authorization_server_id": "admin", "grant_types": ["client_credentials"],
                 "token_endpoint_auth_method": "client_secret_post"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> other = TestServer.json(created);
        String otherToken = server.token("/default/admin/oauth2/token", (String) other.get("client_id"),
                (String) other.get("client_secret"), null);
        String key = newKey();
        String body = "{\"tenant_id\": \"default\", \"name\": \"Mine\"}";

        HttpResponse<String> mine = post(SERVERS, token, body, "X-Idempotency-Key", key);
        HttpResponse<String> theirs = post(SERVERS, otherToken, body, "X-Idempotency-Key", key);

        assertThat(mine.statusCode()).isEqualTo(201);
        assertThat(theirs.statusCode()).isEqualTo(201);
        assertThat(theirs.headers().firstValue("X-Idempotent-Replayed")).isEmpty();
        assertThat(TestServer.json(theirs).get("id")).isNotEqualTo(TestServer.json(mine).get("id"));
    }

    @Test
    void keysOutside32To255CharactersAre400AndChangeNothing() {
        long workspaces = count("workspaces");
        for (String key : new String[] {"short", "x".repeat(31), "x".repeat(256)}) {
            assertApiError(post(SERVERS, token, "{\"tenant_id\": \"default\"}", "X-Idempotency-Key", key),
                    400, "bad_request");
        }
        assertThat(post(SERVERS, token, "{\"tenant_id\": \"default\"}", "X-Idempotency-Key", "x".repeat(32))
                .statusCode()).isEqualTo(201);
        assertThat(count("workspaces")).isEqualTo(workspaces + 1);
    }

    @Test
    void callsWithoutAValidTokenAreAnsweredByTheEndpointAndNotKept() {
        String key = newKey();
        String body = "{\"tenant_id\": \"default\"}";
        assertApiError(post(SERVERS, null, body, "X-Idempotency-Key", key), 401, "unauthorized");
        assertApiError(post(SERVERS, "not-a-token", body, "X-Idempotency-Key", key), 401, "unauthorized");
        // a valid token of another tenant and workspace: the endpoint's 403, not kept
        String systemToken = server.token("/system/system/oauth2/token", "system",
                TestServer.SYSTEM_CLIENT_SECRET, null);
        assertApiError(post(SERVERS, systemToken, body, "X-Idempotency-Key", key), 403, "forbidden");
        assertApiError(post(SERVERS, systemToken, body, "X-Idempotency-Key", key), 403, "forbidden");
        assertThat(post(SERVERS, token, body, "X-Idempotency-Key", key).statusCode()).isEqualTo(201);
    }

    @Test
    void oversizedBodiesWithAKeyAre413() {
        String key = newKey();
        byte[] big = ("{\"tenant_id\": \"default\", \"description\": \"" + "a".repeat(1_100_000) + "\"}").getBytes();
        HttpResponse<String> sized = post(SERVERS, token, new String(big), "X-Idempotency-Key", key);
        assertThat(sized.statusCode()).isEqualTo(413);
        HttpRequest chunked = HttpRequest.newBuilder(server.uri(SERVERS))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("X-Idempotency-Key", key).build();
        assertThat(server.send(chunked).statusCode()).isEqualTo(413);
        // a large body under the limit is buffered, hashed and still read by the endpoint
        String large = "{\"tenant_id\": \"default\", \"description\": \"" + "b".repeat(900_000) + "\"}";
        HttpResponse<String> ok = post(SERVERS, token, large, "X-Idempotency-Key", key);
        assertThat(ok.statusCode()).as(ok.body().substring(0, Math.min(300, ok.body().length()))).isEqualTo(201);
        assertThat(post(SERVERS, token, large, "X-Idempotency-Key", key).headers()
                .firstValue("X-Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void theTokenEndpointIgnoresTheHeader() {
        String key = newKey();
        String form = "grant_type=client_credentials&client_id=" + TestServer.ADMIN_CLIENT_ID + "&client_secret="
                + TestServer.ADMIN_CLIENT_SECRET;
        HttpResponse<String> first = server.postForm("/default/admin/oauth2/token", form, "X-Idempotency-Key", key);
        HttpResponse<String> second = server.postForm("/default/admin/oauth2/token", form, "X-Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Idempotent-Replayed")).isEmpty();
        assertThat(TestServer.json(second).get("access_token")).isNotEqualTo(TestServer.json(first).get("access_token"));
    }

    @Test
    void aKeyWhoseFirstRequestStillRunsIs409() {
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        var requests = new IdempotentRequests(new JdbiIdempotencyRepository(server.server().database().jdbi(),
                new SecretBox(masterKey, new SecureRandom())), server.clock);
        var key = new IdempotencyKey("default", "some-client", HexFormat.of().formatHex(new byte[32]));

        assertThat(requests.begin(key, "hash-1")).isInstanceOf(IdempotentRequests.Run.class);
        assertThatThrownBy(() -> requests.begin(key, "hash-1")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> requests.begin(key, "hash-2")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(422));

        requests.complete(key, new StoredResponse(201, Map.of("Content-Type", "application/json"), "{}".getBytes()));
        assertThat(requests.begin(key, "hash-1")).isInstanceOfSatisfying(IdempotentRequests.Replay.class, replay -> {
            assertThat(replay.response().status()).isEqualTo(201);
            assertThat(replay.response().body()).isEqualTo("{}".getBytes());
        });
        // the stored body is encrypted at rest
        String stored = server.server().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT response_body FROM idempotent_requests WHERE client_id = 'some-client'")
                .mapTo(String.class).one());
        assertThat(stored).startsWith("v1.").doesNotContain("e30"); // e30 = base64 of {}

        server.clock.advance(Duration.ofSeconds(61));
        assertThat(requests.begin(key, "hash-2")).isInstanceOf(IdempotentRequests.Run.class);
        requests.release(key);
    }
}
