package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.TenantsApiTestHttp.TENANTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Root API tenants over real HTTP: a tenant created with default workspaces is usable at once (its admin
 * application gets a token and runs the seed's journey inside it), list with the metadata filter, get,
 * update (root and the tenant admin's own view), and delete, which removes every row of the tenant and
 * makes its tokens useless.
 */
class TenantsApiTest {

    static TestServer server;
    static TenantsApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new TenantsApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTenantWithDefaultWorkspacesRunsTheSeedJourney() {
        String root = http.rootToken();
        Map<String, Object> created = http.create(root, """
                {"id": "acme", "name": "Acme", "metadata": {"plan": "gold"}, "styling": {"logo_url": "https://a.example/l.png"}}""",
                true);
        assertThat((Map<String, Object>) created.get("tenant")).containsEntry("id", "acme").containsEntry("name", "Acme")
                .containsEntry("url", server.baseUrl() + "/acme").containsEntry("metadata", Map.of("plan", "gold"))
                .containsEntry("styling", Map.of("logo_url", "https://a.example/l.png"));
        List<Map<String, Object>> servers = (List<Map<String, Object>>) created.get("servers");
        assertThat(servers).extracting(s -> s.get("id")).containsExactly("admin", "system", "default");
        assertThat(servers).extracting(s -> s.get("type")).containsExactly("admin", "system", "regular");
        assertThat(servers).allSatisfy(s -> assertThat(s).containsEntry("tenant_id", "acme").containsKeys("jwks",
                "issuer_url", "access_token_ttl"));
        assertThat((List<Object>) created.get("idps")).isEmpty();
        Map<String, Object> app = TenantsApiTestHttp.adminApplication(created);
        assertThat(app).containsEntry("tenant_id", "acme").containsEntry("authorization_server_id", "admin")
                .containsKeys("client_id", "client_secret");
        assertThat((String) app.get("client_secret")).hasSizeGreaterThanOrEqualTo(32);

        // the same workspaces, services and scopes as the bootstrap gives tenant default
        for (String workspace : List.of("admin", "system", "default")) {
            assertThat(http.scopeNames("acme", workspace)).isNotEmpty()
                    .isEqualTo(http.scopeNames("default", workspace));
        }

        // the seed's journey inside the new tenant: token, workspace, client, token of that client
        String admin = http.adminToken("acme", created);
        HttpResponse<String> ws = http.send("POST", "/api/admin/acme/servers", admin,
                ServersApiTestHttp.SEED_BODY.formatted("shop").replace("\"tenant_id\": \"default\"", "\"tenant_id\": \"acme\""));
        assertThat(ws.statusCode()).as(ws.body()).isEqualTo(201);
        assertThat(TestServer.json(ws)).containsEntry("tenant_id", "acme").containsEntry("id", "shop");
        HttpResponse<String> client = http.send("POST", "/api/admin/acme/clients", admin, """
                {"tenant_id": "acme", "authorization_server_id": "shop", "client_name": "svc",
                 "grant_types": ["client_credentials"], "scopes": []}""");
        assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
        Map<String, Object> svc = TestServer.json(client);
        server.token("/acme/shop/oauth2/token", (String) svc.get("client_id"), (String) svc.get("client_secret"), null);
        assertThat(server.get("/acme/default/.well-known/openid-configuration").statusCode()).isEqualTo(200);

        // the admin application can give the tenant a System API client (none is created with the tenant)
        HttpResponse<String> systemClient = http.send("POST", "/api/admin/acme/clients", admin, """
                {"tenant_id": "acme", "authorization_server_id": "system", "client_name": "config",
                 "grant_types": ["client_credentials"], "scopes": ["manage_configuration", "read_configuration"]}""");
        assertThat(systemClient.statusCode()).as(systemClient.body()).isEqualTo(201);
        Map<String, Object> config = TestServer.json(systemClient);
        server.token("/acme/system/oauth2/token", (String) config.get("client_id"), (String) config.get("client_secret"),
                "manage_configuration");

        // the tenant admin's own view
        HttpResponse<String> own = server.get("/api/admin/acme/tenant", "Authorization", "Bearer " + admin);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(own)).containsEntry("id", "acme").containsEntry("name", "Acme")
                .containsEntry("url", server.baseUrl() + "/acme");
        assertThat(http.count("SELECT COUNT(*) FROM audit_events WHERE tenant_id = 'system' AND object_type = 'tenant'"
                + " AND action = 'created' AND object_id = 'acme'")).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutDefaultWorkspacesTheTenantGetsAdminAndSystemAndAGeneratedId() {
        String root = http.rootToken();
        Map<String, Object> created = http.create(root, "{\"name\": \"Beta\"}", false);
        String id = (String) ((Map<String, Object>) created.get("tenant")).get("id");
        assertThat(id).matches("[0-9a-v]{20}");
        assertThat((List<Map<String, Object>>) created.get("servers")).extracting(s -> s.get("id"))
                .containsExactly("admin", "system");
        assertThat((Map<String, Object>) created.get("tenant")).doesNotContainKeys("metadata", "settings", "styling");
        assertThat(TestServer.json(server.get(TENANTS + "/" + id, "Authorization", "Bearer " + root)))
                .isEqualTo(Map.of("id", id, "name", "Beta", "url", server.baseUrl() + "/" + id));
        String admin = http.adminToken(id, created);
        assertThat(server.get("/api/admin/" + id + "/servers", "Authorization", "Bearer " + admin).statusCode())
                .isEqualTo(200);
        assertThat(server.get("/" + id + "/default/.well-known/openid-configuration").statusCode()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listFiltersOnMetadataAndGetUpdateRoundTrip() {
        String root = http.rootToken();
        http.create(root, """
                {"id": "filter-a", "name": "A", "metadata": {"reg": "john@example.com", "tags": ["x", "y"], "n": 1}}""", false);
        http.create(root, "{\"id\": \"filter-b\", \"name\": \"B\", \"metadata\": {\"reg\": \"jane@example.com\"}}", false);

        HttpResponse<String> all = server.get(TENANTS, "Authorization", "Bearer " + root);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) TestServer.json(all).get("tenants")).extracting(t -> t.get("id"))
                .contains("system", "default", "filter-a", "filter-b");
        assertThat(listIds(root, "{\"metadata\": {\"reg\": \"john@example.com\"}}")).containsExactly("filter-a");
        assertThat(listIds(root, "{\"metadata\": {\"tags\": \"y\"}}")).containsExactly("filter-a");
        assertThat(listIds(root, "{\"metadata\": {\"tags\": [\"y\", \"x\"], \"n\": 1.0}}")).containsExactly("filter-a");
        assertThat(listIds(root, "{\"metadata\": {\"tags\": [\"z\"]}}")).isEmpty();
        assertThat(listIds(root, "{\"metadata\": {\"reg\": \"nobody@example.com\"}}")).isEmpty();

        // update: name, metadata, settings, styling change; id and url stay; a GET body can be PUT back
        HttpResponse<String> updated = http.send("PUT", TENANTS + "/filter-b", root, """
                {"id": "filter-b", "name": "B2", "url": "https://ignored.example/x", "metadata": {"reg": "x@example.com"},
                 "settings": {"default_workspace_id": "default"}, "styling": {"colors": {"primary": "#000000"}}}""");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        HttpResponse<String> fetched = server.get(TENANTS + "/filter-b", "Authorization", "Bearer " + root);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("ETag")).isPresent();
        Map<String, Object> tenant = TestServer.json(fetched);
        assertThat(tenant).containsEntry("id", "filter-b").containsEntry("name", "B2")
                .containsEntry("url", server.baseUrl() + "/filter-b")
                .containsEntry("metadata", Map.of("reg", "x@example.com"))
                .containsEntry("settings", Map.of("default_workspace_id", "default"));
        assertThat(http.send("PUT", TENANTS + "/filter-b", root, fetched.body()).statusCode()).isEqualTo(200);
        assertThat(listIds(root, "{\"metadata\": {\"reg\": \"jane@example.com\"}}")).isEmpty();

        // the tenant admin changes its own tenant through the Admin API; If-Match is honoured
        String defaultAdmin = server.adminToken();
        HttpResponse<String> own = server.get("/api/admin/default/tenant", "Authorization", "Bearer " + defaultAdmin);
        String etag = own.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> stale = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/admin/default/tenant"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"Stale\"}"))
                .header("Authorization", "Bearer " + defaultAdmin).header("Content-Type", "application/json")
                .header("If-Match", "\"nope\"").build());
        assertThat(stale.statusCode()).isEqualTo(412);
        HttpResponse<String> renamed = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/admin/default/tenant"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"Default Inc\", \"metadata\": {\"k\": \"v\"}}"))
                .header("Authorization", "Bearer " + defaultAdmin).header("Content-Type", "application/json")
                .header("If-Match", etag).build());
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(TestServer.json(renamed)).containsEntry("id", "default").containsEntry("name", "Default Inc")
                .containsEntry("metadata", Map.of("k", "v"));
        assertThat(TestServer.json(server.get(TENANTS + "/default", "Authorization", "Bearer " + root)))
                .containsEntry("name", "Default Inc");
        assertThat(http.count("SELECT COUNT(*) FROM audit_events WHERE tenant_id = 'default' AND object_type = 'tenant'"
                + " AND action = 'updated'")).isEqualTo(1);
    }

    @Test
    void deletingATenantRemovesAllItsDataAndRefusesItsTokens() {
        String root = http.rootToken();
        Map<String, Object> created = http.create(root, "{\"id\": \"doomed\", \"name\": \"Doomed\"}", true);
        String admin = http.adminToken("doomed", created);
        HttpResponse<String> client = http.send("POST", "/api/admin/doomed/clients", admin, """
                {"tenant_id": "doomed", "authorization_server_id": "default", "client_name": "svc",
                 "grant_types": ["client_credentials"], "scopes": []}""");
        assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
        Map<String, Object> svc = TestServer.json(client);
        String svcToken = server.token("/doomed/default/oauth2/token", (String) svc.get("client_id"),
                (String) svc.get("client_secret"), null);
        assertThat(http.send("PUT", "/api/admin/tenants/doomed/rate-limits/oauth2", root,
                "{\"rate\": 60, \"burst\": 3, \"period\": \"1m0s\"}").statusCode()).isEqualTo(204);
        server.server().database().jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO revoked_tokens (token_id, tenant_id, workspace_id, expires_at)
                        VALUES ('doomed-token', 'doomed', 'default', :exp)""")
                .bind("exp", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)).execute());
        assertThat(http.rowsOf("doomed")).anyMatch(r -> r.startsWith("audit_events="))
                .anyMatch(r -> r.startsWith("rate_limits=")).anyMatch(r -> r.startsWith("revoked_tokens="))
                .anyMatch(r -> r.startsWith("clients=")).anyMatch(r -> r.startsWith("workspaces="));
        List<String> defaultRows = http.rowsOf("default");

        HttpResponse<String> deleted = http.send("DELETE", TENANTS + "/doomed", root, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);

        assertThat(http.rowsOf("doomed")).isEmpty();
        assertThat(http.count("SELECT COUNT(*) FROM tenants WHERE id = 'doomed'")).isZero();
        assertThat(http.rowsOf("default")).isEqualTo(defaultRows);
        // its tokens are refused at once, and no new ones are issued
        assertThat(server.get("/api/admin/doomed/tenant", "Authorization", "Bearer " + admin).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/admin/doomed/servers", "Authorization", "Bearer " + svcToken).statusCode()).isEqualTo(401);
        assertThat(server.postForm("/doomed/default/oauth2/token", "grant_type=client_credentials&client_id="
                + svc.get("client_id") + "&client_secret=" + svc.get("client_secret")).statusCode()).isEqualTo(404);
        assertThat(server.get("/doomed/default/.well-known/jwks.json").statusCode()).isEqualTo(404);
        assertThat(server.get(TENANTS + "/doomed", "Authorization", "Bearer " + root).statusCode()).isEqualTo(404);
        assertThat(http.send("DELETE", TENANTS + "/doomed", root, null).statusCode()).isEqualTo(404);
        assertThat(http.count("SELECT COUNT(*) FROM audit_events WHERE tenant_id = 'system' AND object_type = 'tenant'"
                + " AND action = 'deleted' AND object_id = 'doomed'")).isEqualTo(1);

        // the id can be used again; the old tokens stay refused (new keys)
        Map<String, Object> again = http.create(root, "{\"id\": \"doomed\", \"name\": \"Doomed again\"}", false);
        assertThat(server.get("/api/admin/doomed/tenant", "Authorization", "Bearer " + admin).statusCode()).isEqualTo(401);
        String fresh = http.adminToken("doomed", again);
        assertThat(server.get("/api/admin/doomed/tenant", "Authorization", "Bearer " + fresh).statusCode()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listIds(String root, String query) {
        HttpResponse<String> response = server.get(TENANTS + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                "Authorization", "Bearer " + root);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) TestServer.json(response).get("tenants")).stream()
                .map(t -> t.get("id")).filter(id -> ((String) id).startsWith("filter-")).toList();
    }
}
