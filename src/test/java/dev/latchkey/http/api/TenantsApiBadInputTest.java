package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.latchkey.http.api.ClientsApiTestHttp.assertApiError;
import static dev.latchkey.http.api.TenantsApiTestHttp.TENANTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tenant endpoints refuse what they must, in Cloudentity's error format and never with a 500: bad
 * bodies and ids (400), taken ids (409), reserved ids and the system tenant's deletion (422), and tokens of
 * the wrong tenant or workspace (403) or none (401). Nothing changes on a refusal.
 */
class TenantsApiBadInputTest {

    static TestServer server;
    static TenantsApiTestHttp http;
    static String root;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new TenantsApiTestHttp(server);
        root = http.rootToken();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void badCreateBodiesAre400Or409Or422AndChangeNothing() {
        long tenants = http.count("SELECT COUNT(*) FROM tenants");
        long workspaces = http.count("SELECT COUNT(*) FROM workspaces");
        assertApiError(post("{\"id\": \"no-name\"}"), 400);
        assertApiError(post("{\"name\": \"   \"}"), 400);
        assertApiError(post("{\"name\": \"" + "n".repeat(256) + "\"}"), 400);
        assertApiError(post("{\"id\": \"bad id\", \"name\": \"x\"}"), 400);
        assertApiError(post("{\"id\": \"a/b\", \"name\": \"x\"}"), 400);
        assertApiError(post("{\"id\": \"" + "i".repeat(65) + "\", \"name\": \"x\"}"), 400);
        assertApiError(post("{\"id\": \"api\", \"name\": \"x\"}"), 422);
        assertApiError(post("{\"id\": \"tenants\", \"name\": \"x\"}"), 422);
        assertApiError(post("{\"id\": \"default\", \"name\": \"x\"}"), 409);
        assertApiError(post("{\"id\": \"system\", \"name\": \"x\"}"), 409);
        assertThat(assertApiError(post("{\"name\": \"x\", \"colour\": \"red\"}"), 400).get("error").toString())
                .contains("colour");
        assertApiError(post("{\"name\": \"x\", \"jwks\": {}}"), 400);
        assertThat(assertApiError(post("{\"name\": \"x\", \"metadata\": \"gold\"}"), 400).get("error").toString())
                .contains("metadata");
        assertApiError(post("{\"name\": \"x\", \"settings\": [1]}"), 400);
        assertApiError(post("{\"name\": \"x\", \"styling\": 3}"), 400);
        assertApiError(post("{\"name\": \"x\", \"id\": 5"), 400);
        assertApiError(post("[]"), 400);
        assertApiError(post("null"), 400);
        assertApiError(post(""), 400);
        assertApiError(http.send("POST", TENANTS + "?with_default_workspaces=maybe", root, "{\"name\": \"x\"}"), 400);
        assertThat(http.count("SELECT COUNT(*) FROM tenants")).isEqualTo(tenants);
        assertThat(http.count("SELECT COUNT(*) FROM workspaces")).isEqualTo(workspaces);
    }

    @Test
    void badUpdatesAndDeletesAreRefused() {
        assertApiError(http.send("PUT", TENANTS + "/default", root, "{\"id\": \"other\", \"name\": \"x\"}"), 400);
        assertApiError(http.send("PUT", TENANTS + "/default", root, "{\"metadata\": {}}"), 400);
        assertApiError(http.send("PUT", TENANTS + "/default", root, "{\"name\": \"x\", \"unknown\": 1}"), 400);
        assertApiError(http.send("PUT", TENANTS + "/default", root, "{not json"), 400);
        assertApiError(http.send("PUT", TENANTS + "/nope", root, "{\"name\": \"x\"}"), 404);
        assertApiError(http.send("PUT", "/api/admin/default/tenant", server.adminToken(), "{\"name\": 1, \"styling\": []}"), 400);
        assertApiError(server.get(TENANTS + "/nope", "Authorization", "Bearer " + root), 404);
        assertApiError(http.send("DELETE", TENANTS + "/nope", root, null), 404);
        assertApiError(http.send("DELETE", TENANTS + "/system", root, null), 422);
        assertThat(http.count("SELECT COUNT(*) FROM workspaces WHERE tenant_id = 'system'")).isEqualTo(2);
        assertThat(TestServer.json(server.get(TENANTS + "/default", "Authorization", "Bearer " + root)))
                .containsEntry("name", "Default");
    }

    @Test
    void listQueriesItCannotAnswerAre400() {
        for (String query : new String[]{"{not json", "[1]", "{\"name\": \"x\"}", "{\"metadata\": \"x\"}",
                "{\"metadata\": {\"a\": {\"b\": 1}}}"}) {
            assertApiError(server.get(TENANTS + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + root), 400);
        }
    }

    @Test
    void aTenantAdminCannotReachAnotherTenantNorTheRootApi() {
        Map<String, Object> created = http.create(root, "{\"id\": \"tenant-a\", \"name\": \"A\"}", false);
        String adminA = http.adminToken("tenant-a", created);
        String adminDefault = server.adminToken();

        assertApiError(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + adminA), 403);
        assertApiError(http.send("PUT", "/api/admin/default/tenant", adminA, "{\"name\": \"Taken over\"}"), 403);
        assertApiError(server.get("/api/admin/tenant-a/tenant", "Authorization", "Bearer " + adminDefault), 403);
        assertApiError(server.get(TENANTS, "Authorization", "Bearer " + adminA), 403);
        assertApiError(http.send("POST", TENANTS, adminA, "{\"name\": \"x\"}"), 403);
        assertApiError(server.get(TENANTS + "/tenant-a", "Authorization", "Bearer " + adminA), 403);
        assertApiError(http.send("PUT", TENANTS + "/tenant-a", adminA, "{\"name\": \"x\"}"), 403);
        assertApiError(http.send("DELETE", TENANTS + "/default", adminA, null), 403);
        assertApiError(http.send("DELETE", TENANTS + "/tenant-a", adminDefault, null), 403);
        assertApiError(server.get(TENANTS), 401);
        assertApiError(http.send("POST", TENANTS, "not-a-token", "{\"name\": \"x\"}"), 401);
        assertThat(TestServer.json(server.get(TENANTS + "/default", "Authorization", "Bearer " + root)))
                .containsEntry("name", "Default");
        assertThat(http.count("SELECT COUNT(*) FROM tenants WHERE id = 'tenant-a'")).isEqualTo(1);
    }

    private HttpResponse<String> post(String body) {
        return http.send("POST", TENANTS, root, body);
    }
}
