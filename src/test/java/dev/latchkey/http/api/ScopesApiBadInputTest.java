package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.latchkey.http.api.ScopesApiTestHttp.error;
import static dev.latchkey.http.api.ScopesApiTestHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad request to the scope endpoints is a clear 4xx and changes nothing; scopes of another tenant
 * cannot be read, changed or used; callers need an admin token of the tenant.
 */
class ScopesApiBadInputTest {

    static final String SCOPES = "/api/admin/default/scopes";
    static final String KEPT = SCOPES + "/kept-scope";

    static TestServer server;
    static ScopesApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ScopesApiTestHttp(server);
        ok(http.post(SCOPES, "{\"id\": \"kept-scope\", \"name\": \"kept\", \"authorization_server_id\": \"default\"}"),
                201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, String> badBodies() {
        String good = "{\"name\": \"fine\", \"authorization_server_id\": \"default\"";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed JSON", "{\"name\": ");
        bodies.put("not an object", "\"fine\"");
        bodies.put("name of the wrong type", "{\"name\": {\"first\": \"a\"}, \"authorization_server_id\": \"default\"}");
        bodies.put("boolean of the wrong type", good + ", \"implicit\": \"yes\"}");
        bodies.put("metadata not an object", good + ", \"metadata\": \"x\"}");
        bodies.put("unknown field", good + ", \"colour\": \"red\"}");
        bodies.put("system is not writable", good + ", \"system\": true}");
        bodies.put("name with a space", "{\"name\": \"two words\", \"authorization_server_id\": \"default\"}");
        bodies.put("name with a quote", "{\"name\": \"a\\\"b\", \"authorization_server_id\": \"default\"}");
        bodies.put("empty name", "{\"name\": \"\", \"authorization_server_id\": \"default\"}");
        bodies.put("name too long", "{\"name\": \"" + "n".repeat(256) + "\", \"authorization_server_id\": \"default\"}");
        bodies.put("non-ASCII name", "{\"name\": \"caf\u00e9\", \"authorization_server_id\": \"default\"}");
        bodies.put("no name", "{\"authorization_server_id\": \"default\"}");
        bodies.put("bad id", good + ", \"id\": \"has space\"}");
        bodies.put("id too long", good + ", \"id\": \"" + "i".repeat(65) + "\"}");
        bodies.put("another tenant", good + ", \"tenant_id\": \"system\"}");
        return bodies;
    }

    @Test
    void badCreateBodiesAre400AndCreateNothing() {
        long before = scopeRows();
        for (var bad : badBodies().entrySet()) {
            assertThat(error(http.post(SCOPES, bad.getValue()), 400)).as(bad.getKey())
                    .containsEntry("error_code", "bad_request");
        }
        error(http.call("POST", SCOPES, server.adminToken(), null), 400);
        error(http.post(SCOPES, "{\"name\": \"big\", \"authorization_server_id\": \"default\", \"description\": \""
                + "d".repeat(1_100_000) + "\"}"), 413);
        assertThat(scopeRows()).isEqualTo(before);
    }

    @Test
    void badUpdateBodiesAre400AndChangeNothing() {
        String kept = http.get(KEPT).body();
        for (var bad : badBodies().entrySet()) {
            assertThat(http.put(KEPT, bad.getValue()).statusCode()).as(bad.getKey()).isEqualTo(400);
        }
        error(http.put(KEPT, "{\"name\": \"kept\", \"id\": \"another-scope\"}"), 400);
        error(http.put(KEPT, "{\"name\": \"kept\", \"description\": \"" + "d".repeat(1_100_000) + "\"}"), 413);
        assertThat(http.get(KEPT).body()).isEqualTo(kept);
    }

    @Test
    void unknownScopesAndWorkspacesAre404() {
        error(http.get(SCOPES + "/nope"), 404);
        error(http.put(SCOPES + "/nope", "{\"name\": \"nope\"}"), 404);
        error(http.delete(SCOPES + "/nope"), 404);
        error(http.get("/api/admin/default/servers/nope/scopes"), 404);
        assertThat(http.count("SELECT COUNT(*) FROM scopes WHERE id = 'nope'")).isZero();
    }

    @Test
    void anotherTenantsScopesAndServicesAreInvisible() {
        String foreignScope = http.text("SELECT id FROM scopes WHERE tenant_id = 'system' AND name = 'manage_tenants'");
        String foreignService = http.text("SELECT service_id FROM scopes WHERE id = ?", foreignScope);
        assertThat(foreignScope).isNotNull();

        error(http.get(SCOPES + "/" + foreignScope), 404);
        error(http.put(SCOPES + "/" + foreignScope, "{\"name\": \"stolen\"}"), 404);
        error(http.delete(SCOPES + "/" + foreignScope), 404);
        error(http.post(SCOPES, "{\"name\": \"sneaky\", \"service_id\": \"" + foreignService + "\"}"), 404);
        assertThat(http.get("/api/admin/default/servers/system/scopes").body()).doesNotContain(foreignScope);
        assertThat(http.text("SELECT name FROM scopes WHERE id = ?", foreignScope)).isEqualTo("manage_tenants");
        assertThat(http.count("SELECT COUNT(*) FROM scopes WHERE name IN ('stolen', 'sneaky')")).isZero();
    }

    @Test
    void callersWithoutAnAdminTokenOfTheTenantAreRefused() {
        String foreign = http.systemTenantToken();
        String notAdmin = http.defaultWorkspaceToken();
        long before = scopeRows();
        String kept = http.get(KEPT).body();
        for (String token : Arrays.asList(null, "garbage", foreign, notAdmin)) {
            int status = token == null || token.equals("garbage") ? 401 : 403;
            error(http.call("GET", "/api/admin/default/servers/default/scopes", token, null), status);
            error(http.call("POST", SCOPES, token, "{\"name\": \"intruder\", \"authorization_server_id\": \"default\"}"),
                    status);
            error(http.call("GET", KEPT, token, null), status);
            error(http.call("PUT", KEPT, token, "{\"name\": \"hacked\"}"), status);
            error(http.call("DELETE", KEPT, token, null), status);
        }
        error(http.get("/api/admin/system/servers/system/scopes"), 403);
        error(http.post("/api/admin/system/scopes", "{\"name\": \"intruder\", \"authorization_server_id\": \"system\"}"),
                403);
        assertThat(scopeRows()).isEqualTo(before);
        assertThat(http.get(KEPT).body()).isEqualTo(kept);
    }

    private static long scopeRows() {
        return http.count("SELECT COUNT(*) FROM scopes");
    }
}
