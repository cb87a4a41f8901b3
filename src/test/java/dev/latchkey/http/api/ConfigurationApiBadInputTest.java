package dev.latchkey.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.ConfigurationApiTestHttp.CONFIG;
import static dev.latchkey.http.api.ConfigurationApiTestHttp.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration API's guards: the System API token and scope each operation needs (401 / 403), bad
 * JSON, unknown fields, wrong types and bad parameters as 400 (never 500) with nothing changed, and the RFC
 * 6902 PATCH applied to the current export and imported in update mode.
 */
class ConfigurationApiBadInputTest {

    private static TestServer server;
    private static ConfigurationApiTestHttp t;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        t = new ConfigurationApiTestHttp(server);
        t.populate();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eachOperationNeedsASystemTokenWithItsScope() {
        String readOnly = t.token("read_configuration");
        assertThat(t.http.call("GET", CONFIG, readOnly, null).statusCode()).isEqualTo(200);
        ScopesApiTestHttp.error(t.http.call("PUT", CONFIG, readOnly, "{}"), 403);
        ScopesApiTestHttp.error(t.http.call("PATCH", CONFIG, readOnly, "[]"), 403);
        ScopesApiTestHttp.error(t.http.call("GET", CONFIG, server.adminToken(), null), 403);
        ScopesApiTestHttp.error(t.http.call("PUT", CONFIG, server.adminToken(), "{}"), 403);
        ScopesApiTestHttp.error(t.http.call("GET", CONFIG, null, null), 401);
        ScopesApiTestHttp.error(t.http.call("GET", "/api/system/other/configuration", t.manageToken(), null), 403);
    }

    @Test
    void badDocumentsAndParametersAre400AndChangeNothing() {
        ObjectNode before = t.export("?with_secrets=true");
        String token = t.manageToken();
        for (String body : List.of("{not json", "[]", "{\"servers\": {}}", "{\"clientz\": []}",
                "{\"servers\": [42]}", "{\"clients\": [{\"client_id\": \"x\", \"authorization_server_id\": \"shop\","
                        + " \"tenant_id\": \"default\", \"no_such_field\": 1}]}",
                "{\"idps\": [{\"id\": \"i\", \"authorization_server_id\": \"shop\", \"bogus\": true}]}",
                "{\"scopes\": [{\"id\": \"s\", \"name\": 5}]}", "{\"servers\": [{\"name\": \"no id\"}]}")) {
            HttpResponse<String> response = t.http.call("PUT", CONFIG + "?mode=update", token, body);
            assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
        }
        for (String query : List.of("?mode=replace", "?dry_run=maybe")) {
            ScopesApiTestHttp.error(t.http.call("PUT", CONFIG + query, token, "{}"), 400);
        }
        ScopesApiTestHttp.error(t.http.call("GET", CONFIG + "?with_keys=true", token, null), 400);
        ScopesApiTestHttp.error(t.http.call("GET", CONFIG + "?workspace_id=nope", token, null), 404);
        Map<String, Object> unknown = ScopesApiTestHttp.error(t.http.call("PUT", CONFIG + "?mode=update", token,
                "{\"clients\": [{\"client_id\": \"x\", \"authorization_server_id\": \"shop\", \"tenant_id\": "
                        + "\"default\", \"no_such_field\": 1}]}"), 400);
        assertThat((String) unknown.get("error")).contains("clients[0].no_such_field");
        assertThat(t.export("?with_secrets=true")).isEqualTo(before);
    }

    @Test
    void aPatchIsAppliedToTheExportAndImportedInUpdateMode() {
        String token = t.manageToken();
        ScopesApiTestHttp.error(t.http.call("PATCH", CONFIG, token, "{\"op\": \"add\"}"), 400);
        ScopesApiTestHttp.error(t.http.call("PATCH", CONFIG, token,
                "[{\"op\": \"replace\", \"path\": \"/nothing/here\", \"value\": 1}]"), 400);
        ScopesApiTestHttp.error(t.http.call("PATCH", CONFIG, token, "[{\"op\": \"explode\", \"path\": \"/\"}]"), 400);
        ObjectNode dump = t.export("");
        int index = 0;
        while (!dump.get("scopes").get(index).get("id").asText().equals("orders.read")) {
            index++;
        }
        HttpResponse<String> patched = t.http.call("PATCH", CONFIG, token, "[{\"op\": \"replace\", \"path\": "
                + "\"/scopes/" + index + "/description\", \"value\": \"Patched\"}]");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(204);
        assertThat(find(t.export(""), "scopes", "id", "orders.read").get("description").asText())
                .isEqualTo("Patched");
        HttpResponse<String> broken = t.http.call("PATCH", CONFIG, token, "[{\"op\": \"replace\", \"path\": "
                + "\"/scopes/" + index + "/service_id\", \"value\": \"elsewhere\"}]");
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(400);
        assertThat(broken.body()).contains("scopes[" + index + "]");
        assertThat(find(t.export(""), "scopes", "id", "orders.read").get("service_id").asText()).isEqualTo("orders");
    }
}
