package dev.latchkey.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import dev.latchkey.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.latchkey.http.api.ClientsApiTestHttp.CLIENTS;
import static dev.latchkey.http.api.ClientsApiTestHttp.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input of the applications API: malformed JSON, wrong types, invalid enum values and durations,
 * unknown fields, oversized bodies, missing required fields, invalid redirect URIs, what the workspace does
 * not allow, objects of another tenant, and callers without a token or with a token of the wrong workspace.
 * None is a 500, and after each nothing has changed: no client, no audit event, the target client as before.
 */
class ClientsApiTestBadInputTest {

    static TestServer server;
    static ClientsApiTestHttp http;
    static Map<String, Object> target;
    static String targetPath;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ClientsApiTestHttp(server);
        target = http.createService("admin", "introspect_tokens");
        targetPath = CLIENTS + "/" + target.get("client_id");
        // a workspace that exists only in the system tenant
        Workspace systemAdmin = server.server().parts().workspaces().find("system", "admin").orElseThrow();
        ObjectNode doc = Json.MAPPER.valueToTree(systemAdmin);
        doc.put("id", "sysonly");
        server.server().parts().workspaces().insert(Json.MAPPER.convertValue(doc, Workspace.class));
        // a client of the default tenant's system workspace: its tokens are not admin tokens
        server.server().parts().clients().insert(Client.service("default", "system", "default-system-client",
                "x", "default-system-client-secret-0123456789", List.of(), false, Instant.now()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs {@code request}, checks its status and that nothing was stored or audited; returns the error. */
    private static Map<String, Object> refused(int status, Supplier<HttpResponse<String>> request) {
        long clients = http.clients();
        long events = http.auditEvents();
        String targetDoc = http.storedDoc("default", (String) target.get("client_id"));
        Map<String, Object> error = assertApiError(request.get(), status);
        assertThat(http.clients()).isEqualTo(clients);
        assertThat(http.auditEvents()).isEqualTo(events);
        assertThat(http.storedDoc("default", (String) target.get("client_id"))).isEqualTo(targetDoc);
        return error;
    }

    private static String withRequired(String fields) {
        return withRequiredIn("default", fields);
    }

    private static String withRequiredIn(String workspaceId, String fields) {
        return "{\"tenant_id\": \"default\", \"authorization_server_id\": \"" + workspaceId + "\""
                + (fields.isEmpty() ? "" : ", ") + fields + "}";
    }

    @Test
    void malformedBodiesAre400() {
        for (String body : List.of("{", "{\"tenant_id\": }", "[]", "\"text\"", "null", "42", "{\"a\": 1,}", " ")) {
            refused(400, () -> http.post(CLIENTS, body));
            refused(400, () -> http.put(targetPath, body));
        }
        refused(415, () -> http.send(HttpRequest.newBuilder(server.uri(CLIENTS))
                .POST(HttpRequest.BodyPublishers.ofString(withRequired(""))).header("Content-Type", "text/plain")));
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("\"grant_types\": \"client_credentials\"", "grant_types");
        cases.put("\"grant_types\": [1]", "grant_types[0]");
        cases.put("\"system\": \"yes\"", "system");
        cases.put("\"client_secret_expires_at\": 1.5", "client_secret_expires_at");
        cases.put("\"client_secret_expires_at\": \"0\"", "client_secret_expires_at");
        cases.put("\"client_name\": 5", "client_name");
        cases.put("\"metadata\": \"x\"", "metadata");
        cases.put("\"redirect_uris\": 5", "redirect_uris");
        cases.put("\"scopes\": [null]", "scopes[0]");
        cases.put("\"trusted\": 1", "trusted");
        cases.put("\"jwks\": {\"keys\": \"x\"}", "jwks.keys");
        cases.put("\"jwks\": {\"keys\": [{\"kid\": \"no-kty\"}]}", "jwks.keys[0].kty");
        cases.put("\"token_ttls\": {\"access_token_ttl\": 5}", "token_ttls.access_token_ttl");
        cases.put("\"created_at\": \"yesterday\"", "created_at");
        cases.put("\"tenant_id\": 1", "tenant_id");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            boolean tenant = c.getKey().startsWith("\"tenant_id\"");
            String body = tenant ? "{" + c.getKey() + ", \"authorization_server_id\": \"default\"}"
                    : withRequired(c.getKey());
            Map<String, Object> error = refused(400, () -> http.post(CLIENTS, body));
            assertThat(error.get("details")).as(c.getKey()).isEqualTo(Map.of("field", c.getValue()));
            String update = tenant ? "{" + c.getKey() + ", \"authorization_server_id\": \"admin\"}"
                    : withRequiredIn("admin", c.getKey());
            error = refused(400, () -> http.put(targetPath, update));
            assertThat(error.get("details")).as(c.getKey()).isEqualTo(Map.of("field", c.getValue()));
        }
    }

    @Test
    void invalidEnumValuesAndDurationsAre400() {
        for (String field : List.of("\"grant_types\": [\"magic\"]", "\"token_endpoint_auth_method\": \"magic\"",
                "\"client_status\": \"on\"", "\"response_types\": [\"code foo\"]", "\"response_types\": [\"code code\"]",
                "\"application_type\": \"service\"", "\"subject_type\": \"x\"", "\"client_type\": \"ldap\"",
                "\"id_token_signed_response_alg\": \"none\"", "\"application_types\": [\"robot\"]",
                "\"token_ttls\": {\"access_token_ttl\": \"1 hour\"}", "\"token_ttls\": {\"id_token_ttl\": \"-5m\"}",
                "\"token_ttls\": {\"refresh_token_ttl\": \"30d\"}")) {
            Map<String, Object> error = refused(400, () -> http.post(CLIENTS, withRequired(field)));
            assertThat(error).as(field).containsEntry("error_code", "bad_request");
        }
    }

    @Test
    void unknownFieldsAre400NamingThem() {
        Map<String, Object> error = refused(400, () -> http.post(CLIENTS, withRequired("\"grant_type\": []")));
        assertThat((String) error.get("error")).contains("grant_type");
        assertThat(error.get("details")).isEqualTo(Map.of("field", "grant_type"));
        refused(400, () -> http.post(CLIENTS, withRequired("\"token_ttls\": {\"access_ttl\": \"1h\"}")));
        refused(400, () -> http.post(CLIENTS, withRequired("\"jwks\": {\"keys\": [], \"extra\": 1}")));
        refused(400, () -> http.post(CLIENTS, withRequired(
                "\"jwks\": {\"keys\": [{\"kty\": \"EC\", \"color\": \"red\"}]}")));
        refused(400, () -> http.put(targetPath, withRequiredIn("admin", "\"nonsense\": true")));
    }

    @Test
    void privateKeyParametersInJwksAre400() {
        Map<String, Object> error = refused(400, () -> http.post(CLIENTS, withRequired(
                "\"jwks\": {\"keys\": [{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"a\", \"y\": \"b\", \"d\": \"secret\"}]}")));
        assertThat((String) error.get("error")).contains("private key parameter");
        assertThat(error.toString()).doesNotContain("secret\"");
    }

    @Test
    void oversizedBodiesAre413() {
        String huge = withRequired("\"description\": \"" + "x".repeat(1_100_000) + "\"");
        refused(413, () -> http.post(CLIENTS, huge));
        refused(413, () -> http.put(targetPath, huge));
    }

    @Test
    void missingOrForeignRequiredFields() {
        refused(400, () -> http.post(CLIENTS, "{}"));
        refused(400, () -> http.post(CLIENTS, "{\"authorization_server_id\": \"default\"}"));
        refused(400, () -> http.post(CLIENTS, "{\"tenant_id\": \"default\"}"));
        refused(400, () -> http.post(CLIENTS, "{\"tenant_id\": \"\", \"authorization_server_id\": \"default\"}"));
        refused(400, () -> http.post(CLIENTS, "{\"tenant_id\": \"system\", \"authorization_server_id\": \"admin\"}"));
        refused(404, () -> http.post(CLIENTS, "{\"tenant_id\": \"default\", \"authorization_server_id\": \"nope\"}"));
        refused(404, () -> http.post(CLIENTS, "{\"tenant_id\": \"default\", \"authorization_server_id\": \"sysonly\"}"));
        refused(404, () -> http.post(CLIENTS, "{\"tenant_id\": \"default\", \"authorization_server_id\": \"a\\u0000\"}"));
        // PUT: the tenant and workspace must be the client's; the id in the body must be the path's
        refused(400, () -> http.put(targetPath, "{\"authorization_server_id\": \"admin\"}"));
        refused(400, () -> http.put(targetPath, "{\"tenant_id\": \"default\"}"));
        refused(400, () -> http.put(targetPath, "{\"tenant_id\": \"system\", \"authorization_server_id\": \"admin\"}"));
        refused(422, () -> http.put(targetPath, "{\"tenant_id\": \"default\", \"authorization_server_id\": \"default\"}"));
        refused(400, () -> http.put(targetPath, "{\"tenant_id\": \"default\", \"authorization_server_id\": \"admin\", "
                + "\"client_id\": \"another-id\"}"));
    }

    @Test
    void ownValuesOutOfShapeAre400() {
        for (String field : List.of("\"client_id\": \"has space\"", "\"client_id\": \"" + "x".repeat(129) + "\"",
                "\"client_id\": \"a:b\"", "\"client_secret\": \"too-short\"",
                "\"rotated_secrets\": [\"0123456789abcdef0123456789abcdef-a\", \"0123456789abcdef0123456789abcdef-b\", "
                        + "\"0123456789abcdef0123456789abcdef-c\"]",
                "\"rotated_secrets\": [\"short\"]", "\"client_name\": \"" + "n".repeat(256) + "\"",
                "\"client_name\": \"bell\\u0007\"", "\"client_secret_expires_at\": -1")) {
            refused(400, () -> http.post(CLIENTS, withRequired(field)));
        }
        refused(400, () -> http.post(CLIENTS + "?application_purpose=robot", withRequired("")));
        refused(400, () -> http.post(CLIENTS + "?application_purpose=service&application_purpose=spa",
                withRequired("")));
    }

    @Test
    void invalidRedirectUrisAre400NamingTheUri() {
        for (String uri : List.of("/relative/cb", "cb", "https://app.example.com/cb#fragment",
                "http://app.example.com/cb", "http://localhost.example.com/cb", "http://127.0.0.2/cb",
                "myapp://callback", "javascript:alert(1)", "data:text/html,hi", "https:///cb", "https://exa mple.com",
                "")) {
            Map<String, Object> error = refused(400, () -> http.post(CLIENTS,
                    withRequired("\"redirect_uris\": " + Json.write(List.of("https://ok.example.com/cb", uri)))));
            assertThat((String) error.get("error")).as(uri).contains("'" + uri + "'");
        }
        // a native app may use a private-use scheme, but not javascript:
        refused(400, () -> http.post(CLIENTS, withRequired("\"application_type\": \"native\", "
                + "\"redirect_uris\": [\"javascript:alert(1)\"]")));
        refused(400, () -> http.post(CLIENTS, withRequired("\"redirect_uris\": \"http://evil.example.com/cb\"")));
        // the single-string form is accepted as Cloudentity does
        Map<String, Object> ok = http.create(withRequired("\"redirect_uris\": \"https://ok.example.com/cb\""));
        assertThat(ok).containsEntry("redirect_uris", List.of("https://ok.example.com/cb"));
    }

    @Test
    void whatTheWorkspaceDoesNotAllowIs422() {
        refused(422, () -> http.post(CLIENTS, withRequired("\"scopes\": [\"openid\", \"no_such_scope\"]")));
        refused(422, () -> http.post(CLIENTS, withRequired("\"scope\": \"openid manage_tenants\"")));
        refused(422, () -> http.post(CLIENTS, withRequired("\"token_endpoint_auth_method\": \"unspecified\"")));
        Workspace original = http.changeWorkspace("default", "default", doc -> {
            doc.putArray("grant_types").add("authorization_code");
            doc.putArray("token_endpoint_authn_methods").add("client_secret_basic");
        });
        try {
            Map<String, Object> error = refused(422, () -> http.post(CLIENTS,
                    withRequired("\"grant_types\": [\"client_credentials\"]")));
            assertThat((String) error.get("error")).contains("client_credentials");
            refused(422, () -> http.post(CLIENTS, withRequired("\"token_endpoint_auth_method\": \"client_secret_post\"")));
            refused(422, () -> http.post(CLIENTS + "?application_purpose=single_page", withRequired("")));
        } finally {
            http.restoreWorkspace(original);
        }
        // an update that keeps a grant the workspace no longer allows is 422 too
        Workspace admin = http.changeWorkspace("default", "admin",
                doc -> doc.putArray("grant_types").add("client_credentials"));
        try {
            Map<String, Object> body = new LinkedHashMap<>(target);
            body.put("grant_types", List.of("client_credentials", "refresh_token"));
            refused(422, () -> http.put(targetPath, Json.write(body)));
        } finally {
            http.restoreWorkspace(admin);
        }
    }

    @Test
    void callersWithoutAnAdminTokenOfTheTenantAreRefused() {
        String systemToken = server.token("/default/system/oauth2/token", "default-system-client",
                "default-system-client-secret-0123456789", null);
        String systemTenantToken = server.token("/system/system/oauth2/token", "system",
                TestServer.SYSTEM_CLIENT_SECRET, null);
        String body = withRequired("");
        for (String auth : List.of("", "Bearer garbage")) {
            refused(401, () -> http.post(CLIENTS, body, "Authorization", auth));
            refused(401, () -> http.get(targetPath, "Authorization", auth));
            refused(401, () -> http.put(targetPath, body, "Authorization", auth));
            refused(401, () -> http.delete(targetPath, "Authorization", auth));
            refused(401, () -> http.post(targetPath + "/rotateSecret", "", "Authorization", auth));
            refused(401, () -> http.post(targetPath + "/revokeRotatedSecrets", "", "Authorization", auth));
            refused(401, () -> http.get("/api/admin/default/servers/default/clients", "Authorization", auth));
        }
        for (String token : List.of(systemToken, systemTenantToken)) {
            String auth = "Bearer " + token;
            refused(403, () -> http.post(CLIENTS, body, "Authorization", auth));
            refused(403, () -> http.get(targetPath, "Authorization", auth));
            refused(403, () -> http.put(targetPath, body, "Authorization", auth));
            refused(403, () -> http.delete(targetPath, "Authorization", auth));
            refused(403, () -> http.post(targetPath + "/rotateSecret", "", "Authorization", auth));
            refused(403, () -> http.post(targetPath + "/revokeRotatedSecrets", "", "Authorization", auth));
            refused(403, () -> http.get("/api/admin/default/servers/default/clients", "Authorization", auth));
        }
        // the default tenant's admin token on the system tenant's API
        refused(403, () -> http.post("/api/admin/system/clients",
                "{\"tenant_id\": \"system\", \"authorization_server_id\": \"admin\"}"));
        refused(403, () -> http.get("/api/admin/system/clients/system"));
        refused(403, () -> http.delete("/api/admin/system/clients/system"));
        refused(403, () -> http.get("/api/admin/system/servers/system/clients"));
    }

    @Test
    void clientsOfAnotherTenantAreNotFound() {
        String system = CLIENTS + "/system";
        String body = "{\"tenant_id\": \"default\", \"authorization_server_id\": \"system\"}";
        refused(404, () -> http.get(system));
        refused(404, () -> http.put(system, body));
        refused(404, () -> http.delete(system));
        refused(404, () -> http.get(CLIENTS + "/no-such-client"));
        refused(404, () -> http.put(CLIENTS + "/no-such-client", body));
        refused(404, () -> http.delete(CLIENTS + "/no-such-client"));
        refused(404, () -> http.get(CLIENTS + "/%00"));
        refused(404, () -> http.delete(CLIENTS + "/a%00b"));
        refused(404, () -> http.get("/api/admin/default/servers/sysonly/clients"));
        refused(404, () -> http.get("/api/admin/default/servers/nope/clients"));
        // the system tenant's client still works
        assertThat(server.postForm("/system/system/oauth2/token", "grant_type=client_credentials&client_id=system"
                + "&client_secret=" + TestServer.SYSTEM_CLIENT_SECRET).statusCode()).isEqualTo(200);
    }
}
