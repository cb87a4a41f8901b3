package dev.latchkey.oauth;

import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP helpers of the dynamic client registration tests (DynamicRegistration*Test): workspaces, scopes and clients
 * made through the Admin API, and requests to {@code /oauth2/register}.
 */
final class DynamicRegistrationTestHttp {

    private final TestServer server;

    DynamicRegistrationTestHttp(TestServer server) {
        this.server = server;
    }

    /** Creates workspace {@code id} of tenant default with the given {@code dynamic_client_registration}. */
    void workspace(String id, String dcrSettings) {
        admin("POST", "/api/admin/default/servers", "{\"tenant_id\":\"default\",\"id\":\"" + id
                + "\",\"name\":\"DCR " + id + "\",\"dynamic_client_registration\":" + dcrSettings + "}", 201);
    }

    /** Replaces the {@code dynamic_client_registration} settings of workspace {@code id}. */
    @SuppressWarnings("unchecked")
    void settings(String id, String dcrSettings) {
        Map<String, Object> body = TestServer.json(admin("GET", "/api/admin/default/servers/" + id, null, 200));
        body.put("dynamic_client_registration", Json.read(dcrSettings, Map.class));
        admin("PUT", "/api/admin/default/servers/" + id, Json.write(body), 200);
    }

    /**
     * A scope {@code dcr_register} in workspace {@code id} and a client_credentials client that may ask for it;
     * returns a token of that client with the scope (an initial access token).
     */
    String initialAccessToken(String id, String clientId) {
        if (admin("GET", "/api/admin/default/servers/" + id + "/scopes", null, 200).body()
                .indexOf("\"dcr_register\"") < 0) {
            admin("POST", "/api/admin/default/scopes", "{\"name\":\"dcr_register\",\"authorization_server_id\":\""
                    + id + "\"}", 201);
        }
        if (admin("GET", "/api/admin/default/clients/" + clientId, null, -1).statusCode() == 404) {
            admin("POST", "/api/admin/default/clients", "{\"tenant_id\":\"default\",\"authorization_server_id\":\""
                    + id + "\",\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secretOf(clientId)
                    + "\",\"grant_types\":[\"client_credentials\"],\"scopes\":[\"dcr_register\",\"openid\"]}", 201);
        }
        return server.token("/default/" + id + "/oauth2/token", clientId, secretOf(clientId), "dcr_register");
    }

    static String secretOf(String clientId) {
        return (clientId + "-secret-0123456789abcdefghijklmnop");
    }

    HttpResponse<String> register(String workspace, String json, String... headers) {
        return send("POST", "/default/" + workspace + "/oauth2/register", json, headers);
    }

    HttpResponse<String> read(String workspace, String clientId, String token) {
        return send("GET", "/default/" + workspace + "/oauth2/register/" + clientId, null, auth(token));
    }

    HttpResponse<String> update(String workspace, String clientId, String token, String json) {
        return send("PUT", "/default/" + workspace + "/oauth2/register/" + clientId, json, auth(token));
    }

    HttpResponse<String> delete(String workspace, String clientId, String token) {
        return send("DELETE", "/default/" + workspace + "/oauth2/register/" + clientId, null, auth(token));
    }

    static String[] auth(String token) {
        return token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token};
    }

    /** A request with a JSON body ({@code application/json} unless the headers name a Content-Type). */
    HttpResponse<String> send(String method, String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (json != null && !typed) {
            b.header("Content-Type", "application/json");
        }
        return server.send(b.build());
    }

    /** An Admin API call of tenant default; {@code status} -1 accepts any. */
    HttpResponse<String> admin(String method, String path, String json, int status) {
        HttpResponse<String> response = send(method, path, json, "Authorization", "Bearer " + server.adminToken());
        if (status >= 0) {
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        }
        return response;
    }

    /** A client_credentials token request with client_secret_basic. */
    HttpResponse<String> clientCredentials(String workspace, String clientId, String secret) {
        String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        return server.postForm("/default/" + workspace + "/oauth2/token", "grant_type=client_credentials",
                "Authorization", "Basic " + basic);
    }

    /** Asserts an RFC 6749 error body with {@code status} and {@code error}; returns the body. */
    static Map<String, Object> error(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsEntry("error", error).containsEntry("status_code", status)
                .containsKey("error_description");
        return body;
    }
}
