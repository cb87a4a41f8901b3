package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.ScopesApiTestHttp.error;
import static dev.latchkey.http.api.ScopesApiTestHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The System API's client, scope and server operations (system.yaml getClient, listClientsSystem,
 * rotateClientSecret, revokeRotatedClientSecrets, listScopesSystem, deleteAuthorizationServer): a token of the
 * tenant's {@code system} workspace with the scope each names does what the Admin API's operation does, with
 * the System caller in the audit event; without that scope, or with an admin token, 403.
 */
class SystemApiTest {

    static TestServer server;
    static ScopesApiTestHttp http;
    static String appId;
    static String appSecret;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ScopesApiTestHttp(server);
        Map<String, Object> app = ok(http.post("/api/admin/default/clients", """
                {"tenant_id": "default", "authorization_server_id": "default", "client_name": "worker",
                 "grant_types": ["client_credentials"], "token_endpoint_auth_method": "client_secret_post"}"""), 201);
        appId = (String) app.get("client_id");
        appSecret = (String) app.get("client_secret");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A token of a new application of {@code default/system} with {@code scopes}; also returns its client id. */
    private static String[] systemToken(String... scopes) {
        Map<String, Object> app = ok(http.post("/api/admin/default/clients", """
                {"tenant_id": "default", "authorization_server_id": "system", "client_name": "ops",
                 "grant_types": ["client_credentials"], "token_endpoint_auth_method": "client_secret_post",
                 "scopes": %s}""".formatted(List.of(scopes).stream().map(s -> "\"" + s + "\"").toList())), 201);
        String token = server.token("/default/system/oauth2/token", (String) app.get("client_id"),
                (String) app.get("client_secret"), String.join(" ", scopes));
        return new String[] {token, (String) app.get("client_id")};
    }

    @Test
    void clientsAreReadWithViewClients() {
        String view = systemToken("view_clients")[0];
        Map<String, Object> client = ok(http.call("GET", "/api/system/default/client/" + appId, view, null), 200);
        assertThat(client).containsEntry("client_id", appId).containsEntry("authorization_server_id", "default");
        Map<String, Object> list = ok(http.call("GET", "/api/system/default/clients/default", view, null), 200);
        assertThat(list.get("clients").toString()).contains(appId);
        error(http.call("GET", "/api/system/default/client/nope", view, null), 404);
        String other = systemToken("view_scopes")[0];
        error(http.call("GET", "/api/system/default/client/" + appId, other, null), 403);
        error(http.call("GET", "/api/system/default/clients/default", server.adminToken(), null), 403);
    }

    @Test
    void secretsAreRotatedAndRevokedWithManageClients() {
        String[] manage = systemToken("manage_clients");
        error(http.call("POST", "/api/system/default/client/" + appId + "/rotateSecret",
                systemToken("view_clients")[0], null), 403);
        Map<String, Object> rotated = ok(http.call("POST", "/api/system/default/client/" + appId + "/rotateSecret",
                manage[0], null), 200);
        String secret = (String) rotated.get("secret");
        assertThat(secret).isNotEqualTo(appSecret);
        assertThat(http.tokenRequest("default", "default", appId, secret, null).statusCode()).isEqualTo(200);
        assertThat(http.tokenRequest("default", "default", appId, appSecret, null).statusCode()).isEqualTo(200);
        HttpResponse<String> revoked = http.call("POST", "/api/system/default/client/" + appId
                + "/revokeRotatedSecrets", manage[0], null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        assertThat(http.tokenRequest("default", "default", appId, appSecret, null).statusCode()).isEqualTo(401);
        appSecret = secret;
        // the audit event names the System API caller
        Map<String, Object> events = ok(http.call("GET", "/api/admin/default/servers/default/audit-events"
                + "?event_subject=client_secret&client_id=" + manage[1], server.adminToken(), null), 200);
        assertThat((List<?>) events.get("audit_events")).hasSize(2);
    }

    @Test
    void scopesAreListedWithViewScopes() {
        Map<String, Object> scopes = ok(http.call("GET", "/api/system/default/scopes/default",
                systemToken("view_scopes")[0], null), 200);
        assertThat(scopes.get("scopes").toString()).contains("openid");
        error(http.call("GET", "/api/system/default/scopes/default", systemToken("view_clients")[0], null), 403);
    }

    @Test
    void workspacesAreDeletedWithManageServers() {
        ok(http.post("/api/admin/default/servers", "{\"tenant_id\": \"default\", \"id\": \"temp\"}"), 201);
        String manage = systemToken("manage_servers")[0];
        error(http.call("DELETE", "/api/system/default/servers/temp", systemToken("view_clients")[0], null), 403);
        assertThat(http.call("DELETE", "/api/system/default/servers/temp", manage, null).statusCode()).isEqualTo(204);
        error(http.get("/api/admin/default/servers/temp"), 404);
        error(http.call("DELETE", "/api/system/default/servers/temp", manage, null), 404);
        error(http.call("DELETE", "/api/system/default/servers/system", manage, null), 422);
    }
}
