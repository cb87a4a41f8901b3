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
 * Every bad request to the service endpoints is a clear 4xx and changes nothing; services of another
 * tenant cannot be read or changed; callers need an admin token of the tenant.
 */
class ServicesApiBadInputTest {

    static final String SERVICES = "/api/admin/default/services";
    static final String KEPT = SERVICES + "/kept-svc";

    static TestServer server;
    static ScopesApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ScopesApiTestHttp(server);
        ok(http.post(SERVICES, "{\"id\": \"kept-svc\", \"name\": \"Kept\", \"authorization_server_id\": \"default\"}"),
                201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, String> badBodies() {
        String good = "{\"name\": \"Fine\", \"authorization_server_id\": \"default\"";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed JSON", "{\"name\": ");
        bodies.put("not an object", "[]");
        bodies.put("name of the wrong type", "{\"name\": [\"a\"], \"authorization_server_id\": \"default\"}");
        bodies.put("boolean of the wrong type", good + ", \"with_specification\": \"no\"}");
        bodies.put("unknown field", good + ", \"scopes\": []}");
        bodies.put("invalid type", good + ", \"type\": \"api\"}");
        bodies.put("invalid updated_at", good + ", \"updated_at\": \"yesterday\"}");
        bodies.put("no name", "{\"authorization_server_id\": \"default\"}");
        bodies.put("blank name", "{\"name\": \"  \", \"authorization_server_id\": \"default\"}");
        bodies.put("name too long", "{\"name\": \"" + "n".repeat(256) + "\", \"authorization_server_id\": \"default\"}");
        bodies.put("bad id", good + ", \"id\": \"a/b\"}");
        bodies.put("another tenant", good + ", \"tenant_id\": \"system\"}");
        return bodies;
    }

    @Test
    void badCreateBodiesAre400AndCreateNothing() {
        long before = serviceRows();
        for (var bad : badBodies().entrySet()) {
            assertThat(error(http.post(SERVICES, bad.getValue()), 400)).as(bad.getKey())
                    .containsEntry("error_code", "bad_request");
        }
        error(http.post(SERVICES, "{\"name\": \"No workspace\"}"), 400);
        error(http.call("POST", SERVICES, server.adminToken(), null), 400);
        error(http.post(SERVICES, "{\"name\": \"Big\", \"authorization_server_id\": \"default\", \"description\": \""
                + "d".repeat(1_100_000) + "\"}"), 413);
        error(http.post(SERVICES, "{\"name\": \"Lost\", \"authorization_server_id\": \"nope\"}"), 404);
        error(http.post(SERVICES, "{\"id\": \"kept-svc\", \"name\": \"Twin\", \"authorization_server_id\": \"default\"}"),
                409);
        error(http.post(SERVICES, "{\"id\": \"kept-svc\", \"name\": \"Twin\", \"authorization_server_id\": \"admin\"}"),
                409);
        assertThat(serviceRows()).isEqualTo(before);
        assertThat(ok(http.get(KEPT), 200)).containsEntry("name", "Kept");
    }

    @Test
    void badUpdateBodiesAre400AndChangeNothing() {
        String kept = http.get(KEPT).body();
        for (var bad : badBodies().entrySet()) {
            assertThat(http.put(KEPT, bad.getValue()).statusCode()).as(bad.getKey()).isEqualTo(400);
        }
        error(http.put(KEPT, "{\"name\": \"Kept\", \"id\": \"another\"}"), 400);
        error(http.put(KEPT, "{\"name\": \"Kept\", \"description\": \"" + "d".repeat(1_100_000) + "\"}"), 413);
        error(http.put(SERVICES + "/nope", "{\"name\": \"Nope\"}"), 404);
        assertThat(http.get(KEPT).body()).isEqualTo(kept);
    }

    @Test
    void anotherTenantsServicesAreInvisible() {
        String foreign = http.text("SELECT id FROM services WHERE tenant_id = 'system' AND name = 'System'");
        assertThat(foreign).isNotNull();

        error(http.get(SERVICES + "/" + foreign), 404);
        error(http.put(SERVICES + "/" + foreign, "{\"name\": \"System\"}"), 404);
        error(http.delete(SERVICES + "/" + foreign), 404);
        assertThat(http.get("/api/admin/default/servers/system/services").body()).doesNotContain(foreign);
        assertThat(http.text("SELECT name FROM services WHERE id = ?", foreign)).isEqualTo("System");
    }

    @Test
    void callersWithoutAnAdminTokenOfTheTenantAreRefused() {
        String foreign = http.systemTenantToken();
        String notAdmin = http.defaultWorkspaceToken();
        long before = serviceRows();
        String kept = http.get(KEPT).body();
        for (String token : Arrays.asList(null, "garbage", foreign, notAdmin)) {
            int status = token == null || token.equals("garbage") ? 401 : 403;
            error(http.call("GET", "/api/admin/default/servers/default/services", token, null), status);
            error(http.call("POST", SERVICES, token, "{\"name\": \"Intruder\", \"authorization_server_id\": \"default\"}"),
                    status);
            error(http.call("GET", KEPT, token, null), status);
            error(http.call("PUT", KEPT, token, "{\"name\": \"Hacked\"}"), status);
            error(http.call("DELETE", KEPT, token, null), status);
        }
        error(http.get("/api/admin/system/servers/system/services"), 403);
        error(http.delete("/api/admin/system/services/kept-svc"), 403);
        assertThat(serviceRows()).isEqualTo(before);
        assertThat(http.get(KEPT).body()).isEqualTo(kept);
    }

    private static long serviceRows() {
        return http.count("SELECT COUNT(*) FROM services");
    }
}
