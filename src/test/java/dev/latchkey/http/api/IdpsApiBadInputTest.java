package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.latchkey.http.api.IdpsApiTest.seedBody;
import static dev.latchkey.http.api.ScopesApiTestHttp.error;
import static dev.latchkey.http.api.ScopesApiTestHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad request to the identity provider endpoints is a clear 4xx in Cloudentity's error format and
 * changes nothing: malformed JSON, wrong types, unknown fields, invalid enums and durations, missing or
 * duplicate fields, oversized bodies, ids of another tenant, missing or wrong tokens.
 */
class IdpsApiBadInputTest {

    static final String CREATE = "/api/admin/default/servers/default/idps/static";
    static final String EXISTING = "/api/admin/default/servers/default/idps/static/kept-idp";

    static TestServer server;
    static ScopesApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ScopesApiTestHttp(server);
        ok(http.post(CREATE, seedBody("default", "kept-idp")), 201);
        // an IDP of tenant "system", planted directly: tenant "default" must never reach it
        http.execute("INSERT INTO idps (tenant_id, workspace_id, id, method, name, doc, created_at, updated_at) "
                + "VALUES ('system', 'admin', 'planted-idp', 'static', 'Planted', ?, CURRENT_TIMESTAMP, "
                + "CURRENT_TIMESTAMP)", "{\"id\":\"planted-idp\",\"tenant_id\":\"system\","
                + "\"authorization_server_id\":\"admin\",\"name\":\"Planted\",\"method\":\"static\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Bad bodies for create and update, each with the reason it is bad. */
    static Map<String, String> badBodies() {
        String seed = seedBody("default", "bad-idp");
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed JSON", "{\"name\": ");
        bodies.put("not an object", "[1, 2]");
        bodies.put("wrong type", seed.replace("\"disabled\": false", "\"disabled\": \"no\""));
        bodies.put("unknown field", seed.replace("\"disabled\": false", "\"disabled\": false, \"colour\": \"red\""));
        bodies.put("unknown nested field", seed.replace("\"hint\": false", "\"hint\": false, \"hints\": 1"));
        bodies.put("invalid mapping type", seed.replace("\"type\": \"any\"", "\"type\": \"text\""));
        bodies.put("invalid duration", seed.replace("\"0s\"", "\"5 minutes\""));
        bodies.put("duration of the wrong type", seed.replace("\"0s\"", "300"));
        bodies.put("mapping without target", seed.replace("\"target\": \".\",", ""));
        bodies.put("another method", seed.replace("\"method\": \"static\"", "\"method\": \"oidc\""));
        bodies.put("bad id", seed.replace("\"bad-idp\"", "\"has space\""));
        bodies.put("id too long", seed.replace("\"bad-idp\"", "\"" + "a".repeat(65) + "\""));
        bodies.put("another tenant", seed.replace("\"tenant_id\": \"default\"", "\"tenant_id\": \"system\""));
        bodies.put("another workspace", seed.replace("\"authorization_server_id\": \"default\"",
                "\"authorization_server_id\": \"admin\""));
        bodies.put("no name", seed.replace("\"name\": \"Test\",", ""));
        bodies.put("name too long", seed.replace("\"name\": \"Test\"", "\"name\": \"" + "n".repeat(256) + "\""));
        bodies.put("user without password", seed.replace("\"password\": \"pass1\",", ""));
        bodies.put("user without username", seed.replace("\"username\": \"un1\",", ""));
        bodies.put("empty password", seed.replace("\"pass1\"", "\"\""));
        bodies.put("duplicate usernames", seed.replace("\"users\": [", "\"users\": [{\"username\": \"un1\", "
                + "\"password\": \"other\"},"));
        bodies.put("null user", seed.replace("\"users\": [", "\"users\": [null,"));
        bodies.put("credentials not an object", seed.replace("\"credentials\": {", "\"credentials\": \"x\", \"c\": {"));
        bodies.put("authentication context not an object", seed.replace("\"authentication_context\": {",
                "\"authentication_context\": [], \"x\": {"));
        bodies.put("attribute without name", seed.replace("\"attributes\": null", "\"attributes\": [{\"type\": \"string\"}]"));
        bodies.put("attribute of an unknown type", seed.replace("\"attributes\": null",
                "\"attributes\": [{\"name\": \"a\", \"type\": \"date\"}]"));
        return bodies;
    }

    @Test
    void badCreateBodiesAre400AndCreateNothing() {
        long before = idpRows();
        for (var bad : badBodies().entrySet()) {
            Map<String, Object> body = error(http.post(CREATE, bad.getValue()), 400);
            assertThat(body).as(bad.getKey()).containsEntry("error_code", "bad_request");
        }
        assertThat(idpRows()).isEqualTo(before);
    }

    @Test
    void badUpdateBodiesAre400AndChangeNothing() {
        String kept = http.get(EXISTING).body();
        for (var bad : badBodies().entrySet()) {
            String body = bad.getValue().replace("bad-idp", "kept-idp");
            assertThat(http.put(EXISTING, body).statusCode()).as(bad.getKey()).isEqualTo(400);
        }
        error(http.put(EXISTING, seedBody("default", "another-id")), 400);
        assertThat(http.get(EXISTING).body()).isEqualTo(kept);
    }

    @Test
    void emptyBodiesAndOtherMediaTypesAreRefused() {
        long before = idpRows();
        error(http.call("POST", CREATE, server.adminToken(), null), 400);
        error(http.call("POST", CREATE, server.adminToken(), "   "), 400);
        HttpResponse<String> text = http.call("POST", CREATE, server.adminToken(), seedBody("default", "t"),
                "Content-Type", "text/plain");
        assertThat(text.statusCode()).isIn(400, 415);
        assertThat(idpRows()).isEqualTo(before);
    }

    @Test
    void oversizedBodiesAre413() {
        long before = idpRows();
        String huge = seedBody("default", "huge-idp").replace("\"user1\"", "\"" + "x".repeat(1_100_000) + "\"");
        HttpResponse<String> response = http.post(CREATE, huge);
        error(response, 413);
        assertThat(idpRows()).isEqualTo(before);
    }

    @Test
    void aDuplicateIdIs409AndLeavesTheFirst() {
        String kept = http.get(EXISTING).body();
        error(http.post(CREATE, seedBody("default", "kept-idp").replace("\"Test\"", "\"Other\"")), 409);
        assertThat(http.get(EXISTING).body()).isEqualTo(kept);
    }

    @Test
    void unknownWorkspacesAndIdpsAre404() {
        error(http.post("/api/admin/default/servers/nope/idps/static", seedBody("nope", "x")), 404);
        error(http.get("/api/admin/default/servers/nope/idps"), 404);
        error(http.get("/api/admin/default/servers/nope/idps/static/kept-idp"), 404);
        error(http.get("/api/admin/default/servers/default/idps/static/nope"), 404);
        error(http.put("/api/admin/default/servers/default/idps/static/nope", seedBody("default", "nope")), 404);
        error(http.delete("/api/admin/default/servers/default/idps/nope"), 404);
        assertThat(http.count("SELECT COUNT(*) FROM idps WHERE id IN ('x', 'nope')")).isZero();
    }

    @Test
    void anotherTenantsIdpIsInvisible() {
        String planted = "/api/admin/default/servers/admin/idps/static/planted-idp";
        error(http.get(planted), 404);
        error(http.put(planted, seedBody("admin", "planted-idp")), 404);
        error(http.delete("/api/admin/default/servers/admin/idps/planted-idp"), 404);
        assertThat(http.get("/api/admin/default/servers/admin/idps").body()).doesNotContain("planted");
        assertThat(http.text("SELECT name FROM idps WHERE tenant_id = 'system' AND id = 'planted-idp'"))
                .isEqualTo("Planted");
        assertThat(http.count("SELECT COUNT(*) FROM idps WHERE tenant_id = 'default' AND id = 'planted-idp'"))
                .isZero();
    }

    @Test
    void callersWithoutAnAdminTokenOfTheTenantAreRefused() {
        String foreign = http.systemTenantToken();
        String notAdmin = http.defaultWorkspaceToken();
        long before = idpRows();
        String kept = http.get(EXISTING).body();
        for (String token : java.util.Arrays.asList(null, "garbage", foreign, notAdmin)) {
            int status = token == null || token.equals("garbage") ? 401 : 403;
            error(http.call("GET", "/api/admin/default/servers/default/idps", token, null), status);
            error(http.call("POST", CREATE, token, seedBody("default", "intruder")), status);
            error(http.call("GET", EXISTING, token, null), status);
            error(http.call("PUT", EXISTING, token, seedBody("default", "kept-idp").replace("Test", "Hacked")),
                    status);
            error(http.call("DELETE", "/api/admin/default/servers/default/idps/kept-idp", token, null), status);
        }
        // the default tenant's admin token on the system tenant's API
        error(http.get("/api/admin/system/servers/admin/idps"), 403);
        error(http.get("/api/admin/system/servers/admin/idps/static/planted-idp"), 403);
        error(http.delete("/api/admin/system/servers/admin/idps/planted-idp"), 403);
        assertThat(idpRows()).isEqualTo(before);
        assertThat(http.get(EXISTING).body()).isEqualTo(kept);
        assertThat(http.count("SELECT COUNT(*) FROM idps WHERE tenant_id = 'system'")).isEqualTo(1);
    }

    private static long idpRows() {
        return http.count("SELECT COUNT(*) FROM idps");
    }
}
