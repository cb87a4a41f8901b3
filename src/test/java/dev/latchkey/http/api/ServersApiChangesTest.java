package dev.latchkey.http.api;

import dev.latchkey.client.Client;
import dev.latchkey.testing.TestServer;
import dev.latchkey.workspace.WorkspaceDefaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.ServersApiTestHttp.SERVERS;
import static dev.latchkey.http.api.ServersApiTestHttp.assertError;
import static dev.latchkey.http.api.ServersApiTestHttp.json;
import static dev.latchkey.http.api.ServersApiTestHttp.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * updateAuthorizationServer and deleteAuthorizationServer: replace semantics, If-Match, the protected
 * workspaces, cascading deletes, one audit event per change, and caller authentication and tenant
 * isolation on every workspace endpoint.
 */
class ServersApiChangesTest {

    static TestServer server;
    static ServersApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ServersApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void putReplacesTheWorkspaceAndKeepsWhatTheServerOwns() {
        Map<String, Object> created = http.create("{\"tenant_id\":\"default\",\"id\":\"upd\",\"name\":\"Before\","
                + "\"sso\":{\"enabled\":true},\"enforce_pkce\":true}");
        HttpResponse<String> first = http.get(SERVERS + "/upd", server.adminToken());
        String etag = first.headers().firstValue("ETag").orElseThrow();

        // a GET body sent back with a change: accepted as it is (read-only fields included)
        Map<String, Object> edited = json(first.body());
        edited.put("access_token_ttl", "5m");
        edited.put("name", "After");
        HttpResponse<String> put = http.put(SERVERS + "/upd", server.adminToken(), write(edited), "If-Match", etag);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        Map<String, Object> updated = json(put.body());
        assertThat(updated).containsEntry("access_token_ttl", "5m0s").containsEntry("name", "After")
                .containsEntry("secret", created.get("secret")).containsEntry("jwks", created.get("jwks"))
                .containsEntry("sso", Map.of("enabled", true)).containsEntry("enforce_pkce", true);
        assertThat(put.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(http.getServer("upd")).isEqualTo(updated);

        // a minimal body: spec defaults for what it leaves out, server-owned values kept
        HttpResponse<String> minimal = http.put(SERVERS + "/upd", server.adminToken(),
                "{\"tenant_id\":\"default\",\"grant_types\":[\"client_credentials\"]}");
        assertThat(minimal.statusCode()).as(minimal.body()).isEqualTo(200);
        assertThat(json(minimal.body())).containsEntry("grant_types", List.of("client_credentials"))
                .containsEntry("access_token_ttl", "1h0m0s").containsEntry("enforce_pkce", false)
                .containsEntry("name", "After").containsEntry("id", "upd").containsEntry("type", "regular")
                .containsEntry("secret", created.get("secret")).containsEntry("key_type", "ecdsa")
                .containsEntry("subject_identifier_algorithm_salt", created.get("subject_identifier_algorithm_salt"))
                .doesNotContainKey("sso");
        assertThat(http.auditEvents("upd")).extracting(e -> e.get("action"))
                .containsExactly("created", "updated", "updated");
    }

    @Test
    void badUpdatesAreRefusedAndChangeNothing() {
        http.create("{\"tenant_id\":\"default\",\"id\":\"upd-bad\"}");
        String before = http.snapshot();
        String token = server.adminToken();
        String path = SERVERS + "/upd-bad";
        assertError(http.put(path, token, "{\"tenant_id\":\"default\"}", "If-Match", "\"stale\""), 412, null);
        assertError(http.put(path, token, "{\"tenant_id\":\"default\",\"id\":\"other\"}"), 400, "id");
        assertError(http.put(path, token, "{\"tenant_id\":\"default\",\"type\":\"admin\"}"), 400, "type");
        assertError(http.put(path, token, "{\"tenant_id\":\"default\",\"grant_types\":[\"x\"]}"), 400,
                "grant_types[0]");
        assertError(http.put(path, token, "{\"tenant_id\":\"default\",\"id_token_ttl\":\"soon\"}"), 400,
                "id_token_ttl");
        assertError(http.put(path, token, "{\"tenant_id\":\"default\",\"unknown\":true}"), 400, "unknown");
        assertError(http.put(path, token, "{\"grant_types\":[]}"), 400, "tenant_id");
        assertError(http.put(path, token, "{\"tenant_id\":\"default\",\"secret\":\"short\"}"), 400, "secret");
        assertError(http.put(path, token, "{oops"), 400, null);
        assertError(http.put(path, token, ""), 400, null);
        assertError(http.put(SERVERS + "/no-such-ws", token, "{\"tenant_id\":\"default\"}"), 404, null);
        assertThat(http.snapshot()).isEqualTo(before);
    }

    @Test
    void deleteRemovesEverythingInTheWorkspace() {
        http.create("{\"tenant_id\":\"default\",\"id\":\"doomed\"}");
        HttpResponse<String> demo = http.post(SERVERS + "?with_demo_client=true", server.adminToken(),
                "{\"tenant_id\":\"default\",\"id\":\"doomed-demo\"}");
        assertThat(demo.statusCode()).isEqualTo(201);
        for (String id : List.of("doomed", "doomed-demo")) {
            assertThat(rowsOf(id)).as(id).anySatisfy((table, count) -> assertThat(count).isPositive());
        }
        String etag = http.get(SERVERS + "/doomed-demo", server.adminToken()).headers().firstValue("ETag")
                .orElseThrow();
        assertError(http.delete(SERVERS + "/doomed-demo", server.adminToken(), "If-Match", "\"stale\""), 412, null);

        HttpResponse<String> deleted = http.delete(SERVERS + "/doomed-demo", server.adminToken(), "If-Match", etag);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(http.delete(SERVERS + "/doomed", server.adminToken()).statusCode()).isEqualTo(204);

        for (String id : List.of("doomed", "doomed-demo")) {
            assertThat(rowsOf(id)).as(id).allSatisfy((table, count) -> assertThat(count).as(table).isZero());
            assertError(http.get(SERVERS + "/" + id, server.adminToken()), 404, null);
            assertThat(server.get("/default/" + id + "/.well-known/openid-configuration").statusCode())
                    .isEqualTo(404);
            assertThat(http.auditEvents(id)).extracting(e -> e.get("action")).containsExactly("created", "deleted");
        }
        assertError(http.delete(SERVERS + "/doomed", server.adminToken()), 404, null);
    }

    @Test
    void adminAndSystemWorkspacesCannotBeDeleted() {
        String before = http.snapshot();
        for (String id : List.of("admin", "system")) {
            assertError(http.delete(SERVERS + "/" + id, server.adminToken()), 422, id);
        }
        assertThat(http.snapshot()).isEqualTo(before);
        assertThat(server.adminToken()).isNotBlank();
    }

    @Test
    void everyEndpointWantsAnAdminTokenOfTheTenant() {
        http.create("{\"tenant_id\":\"default\",\"id\":\"guarded\"}");
        // a token of a non-admin workspace of the same tenant
        server.server().parts().clients().insert(Client.service("default", "default", "svc-in-default",
                "Service", "svc-in-default-secret-0123456789abcdef", List.of(), false, Instant.now()));
        String regular = server.token("/default/default/oauth2/token", "svc-in-default",
                "svc-in-default-secret-0123456789abcdef", null);
        String body = "{\"tenant_id\":\"default\"}";
        String before = http.snapshot();
        for (String token : new String[] {null, "garbage"}) {
            assertError(http.get(SERVERS, token), 401, null);
            assertError(http.post(SERVERS, token, body), 401, null);
            assertError(http.get(SERVERS + "/guarded", token), 401, null);
            assertError(http.put(SERVERS + "/guarded", token, body), 401, null);
            assertError(http.delete(SERVERS + "/guarded", token), 401, null);
            assertError(http.get("/api/admin/default/workspaces", token), 401, null);
            assertError(http.get("/api/admin/default/workspaces/guarded", token), 401, null);
        }
        assertError(http.get(SERVERS, regular), 403, null);
        assertError(http.post(SERVERS, regular, body), 403, null);
        assertError(http.get(SERVERS + "/guarded", regular), 403, null);
        assertError(http.put(SERVERS + "/guarded", regular, body), 403, null);
        assertError(http.delete(SERVERS + "/guarded", regular), 403, null);
        assertError(http.get("/api/admin/default/workspaces", regular), 403, null);
        // the default tenant's admin token on the system tenant
        String admin = server.adminToken();
        assertError(http.get("/api/admin/system/servers", admin), 403, null);
        assertError(http.post("/api/admin/system/servers", admin, "{\"tenant_id\":\"system\"}"), 403, null);
        assertError(http.get("/api/admin/system/servers/admin", admin), 403, null);
        assertError(http.delete("/api/admin/system/servers/system", admin), 403, null);
        assertError(http.get("/api/admin/system/workspaces", admin), 403, null);
        assertThat(http.snapshot()).isEqualTo(before);
    }

    @Test
    void workspacesOfAnotherTenantAreNotFound() {
        server.server().parts().workspaces().insert(WorkspaceDefaults.of("system", "system-only", "Hidden",
                "regular", "s".repeat(32), "t".repeat(32), Instant.now()));
        String before = http.snapshot();
        String admin = server.adminToken();
        assertError(http.get(SERVERS + "/system-only", admin), 404, null);
        assertError(http.get("/api/admin/default/workspaces/system-only", admin), 404, null);
        assertError(http.put(SERVERS + "/system-only", admin, "{\"tenant_id\":\"default\"}"), 404, null);
        assertError(http.delete(SERVERS + "/system-only", admin), 404, null);
        assertThat(http.get(SERVERS + "?limit=100", admin).body()).doesNotContain("system-only");
        assertThat(http.get("/api/admin/default/workspaces?limit=100", admin).body()).doesNotContain("system-only");
        assertThat(http.snapshot()).isEqualTo(before);
    }

    /** Rows that belong to workspace {@code id} of tenant default, per table with a workspace_id column. */
    private static Map<String, Long> rowsOf(String id) {
        return http.jdbi().withHandle(h -> {
            List<String> tables = new ArrayList<>();
            for (Map<String, Object> row : h.createQuery("SELECT table_name, column_name FROM "
                    + "information_schema.columns WHERE LOWER(column_name) = 'workspace_id' "
                    + "AND LOWER(table_schema) = LOWER(CURRENT_SCHEMA)").mapToMap().list()) {
                String table = String.valueOf(row.get("table_name")).toLowerCase();
                if (!table.equals("audit_events")) { // the audit log outlives what it tells about
                    tables.add(table);
                }
            }
            assertThat(tables).contains("clients", "workspace_keys", "scopes", "services");
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (String table : tables) {
                counts.put(table, h.createQuery("SELECT COUNT(*) FROM " + table
                                + " WHERE tenant_id = 'default' AND workspace_id = :id")
                        .bind("id", id).mapTo(Long.class).one());
            }
            counts.put("workspaces", h.createQuery(
                    "SELECT COUNT(*) FROM workspaces WHERE tenant_id = 'default' AND id = :id")
                    .bind("id", id).mapTo(Long.class).one());
            return counts;
        });
    }
}
