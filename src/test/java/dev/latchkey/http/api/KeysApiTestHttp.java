package dev.latchkey.http.api;

import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.client.Client;
import dev.latchkey.testing.TestServer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP helpers of the workspace keys API tests (KeysApiTest*). */
final class KeysApiTestHttp {

    static final Set<String> PRIVATE_PARAMETERS = Set.of("d", "p", "q", "dp", "dq", "qi", "k", "oth");

    private final TestServer server;

    KeysApiTestHttp(TestServer server) {
        this.server = server;
    }

    static String keysPath(String tid, String wid) {
        return "/api/admin/" + tid + "/servers/" + wid + "/keys";
    }

    HttpResponse<String> get(String path, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).GET();
        return send(b, token, headers);
    }

    HttpResponse<String> post(String path, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        return send(b, token, headers);
    }

    HttpResponse<String> put(String path, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        return send(b, token, headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String token, String... headers) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return server.send(b.build());
    }

    /** GET .../keys?use=... with a fresh admin token; fails on anything but 200. */
    Map<String, Object> keys(String tid, String wid, String use) {
        HttpResponse<String> response = get(keysPath(tid, wid) + "?use=" + use, server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response);
    }

    /** The raw body of GET .../keys for both uses, to prove a failed request changed nothing. */
    String snapshot(String tid, String wid) {
        String token = server.adminToken();
        return get(keysPath(tid, wid) + "?use=sig", token).body() + get(keysPath(tid, wid) + "?use=enc", token).body();
    }

    /** Kids of the public JWKS of a workspace. */
    List<String> jwksKids(String tid, String wid) {
        HttpResponse<String> response = server.get("/" + tid + "/" + wid + "/.well-known/jwks.json");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> kids = new ArrayList<>();
        for (Object key : (List<?>) TestServer.json(response).get("keys")) {
            kids.add((String) ((Map<?, ?>) key).get("kid"));
        }
        return kids;
    }

    /** Registers a client_credentials client in {@code tid/wid} and returns a token of it. */
    String tokenOfWorkspace(String tid, String wid, String clientId) {
        String secret = "secret-of-" + clientId + "-0123456789abcdef";
        server.server().parts().clients().insert(Client.service(tid, wid, clientId, "Test " + clientId, secret,
                List.of(), false, Instant.now()));
        return server.token("/" + tid + "/" + wid + "/oauth2/token", clientId, secret, null);
    }

    /** Actions of the audit events recorded about {@code objectId}, oldest first. */
    List<String> auditActions(String objectType, String objectId) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT action FROM audit_events WHERE object_type = :type AND object_id = :id ORDER BY created_at")
                .bind("type", objectType).bind("id", objectId).mapTo(String.class).list());
    }

    static String kidOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    static String algOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getAlgorithm().getName();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    static List<String> kids(Object keys) {
        return list(keys).stream().map(k -> (String) k.get("kid")).toList();
    }

    /** Asserts that no JSON object anywhere in {@code value} has a private key parameter. */
    static void assertNoPrivateParameters(Object value) {
        if (value instanceof Map<?, ?> object) {
            assertThat(object.keySet().stream().map(String::valueOf).toList()).doesNotContainAnyElementsOf(PRIVATE_PARAMETERS);
            object.values().forEach(KeysApiTestHttp::assertNoPrivateParameters);
        } else if (value instanceof List<?> array) {
            array.forEach(KeysApiTestHttp::assertNoPrivateParameters);
        }
    }

    /** An API error in Cloudentity's shape with this status. */
    static Map<String, Object> assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsKeys("status_code", "error", "error_code", "details");
        assertThat(body.get("status_code")).isEqualTo(status);
        return body;
    }
}
