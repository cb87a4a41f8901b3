package dev.latchkey.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.latchkey.http.api.ConfigurationApiTestHttp.find;
import static dev.latchkey.http.api.ConfigurationApiTestHttp.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root API's global configuration ({@code GET/PUT/PATCH /api/system/configuration}): several tenants and their
 * rate-limit overrides in one document; export → import into an empty server → export is the same document and
 * the imported tenants work (same secrets); a dry run changes nothing and reports what the real run does; a
 * broken reference changes nothing (not even the tenants before it) and is named; mode fail on what exists is a
 * 409; a patch of the export is imported; only the system tenant's tokens.
 */
class GlobalConfigurationApiTest {

    private static final String GLOBAL = "/api/system/configuration";

    @Test
    void anExportOfEveryTenantImportedIntoAnEmptyServerReproducesThem() {
        ObjectNode dump;
        Map<String, Object> acmeAdmin;
        String shopClient;
        String shopSecret;
        try (TestServer source = TestServer.start()) {
            var shop = new ConfigurationApiTestHttp(source);
            shop.populate();
            var tenants = new TenantsApiTestHttp(source);
            String root = tenants.rootToken();
            acmeAdmin = TenantsApiTestHttp.adminApplication(tenants.create(root,
                    "{\"id\": \"acme\", \"name\": \"Acme\", \"metadata\": {\"plan\": \"gold\"}}", true));
            assertThat(tenants.send("PUT", "/api/admin/tenants/acme/rate-limits/oauth2", root,
                    "{\"rate\": 120, \"burst\": 20, \"period\": \"1m0s\"}").statusCode()).isEqualTo(204);
            dump = export(tenants, root, "?with_secrets=true");
            shopClient = shop.shopClientId;
            shopSecret = shop.shopClientSecret;
            assertThat(dump.get("tenants")).extracting(t -> t.get("id").asText())
                    .containsExactly("acme", "default", "system");
            assertThat(find(dump, "tenants", "id", "acme").get("metadata").get("plan").asText()).isEqualTo("gold");
            assertThat(find(dump, "rate_limits", "tenant_id", "acme")).isEqualTo(Json.read(
                    "{\"tenant_id\": \"acme\", \"module\": \"oauth2\", \"rate\": 120, \"burst\": 20, "
                            + "\"period\": \"1m0s\"}", ObjectNode.class));
            assertThat(find(dump, "clients", "client_id", shopClient).get("tenant_id").asText()).isEqualTo("default");
            assertThat(find(dump, "mfa_methods", "id", "mail").get("tenant_id").asText()).isEqualTo("default");
            // one tenant only, and without secrets
            ObjectNode acmeOnly = export(tenants, root, "?tid=acme");
            assertThat(acmeOnly.get("tenants")).hasSize(1);
            assertThat(acmeOnly.get("clients").get(0).has("client_secret")).isFalse();
        }
        try (TestServer target = TestServer.start()) {
            var tenants = new TenantsApiTestHttp(target);
            String root = tenants.rootToken();
            ObjectNode report = dryRun(tenants, root, dump);
            assertThat(ids(report, "created", "tenants")).containsExactly("acme");
            assertThat(ids(report, "created", "rate_limits")).containsExactly("acme/oauth2");
            assertThat(ids(report, "created", "clients")).contains("default/" + shopClient,
                    "acme/" + acmeAdmin.get("client_id"));
            assertThat(report.get("errors")).isEmpty();
            assertThat(tenants.send("GET", "/api/system/tenants/acme", root, null).statusCode()).isEqualTo(404);

            HttpResponse<String> imported = tenants.send("PUT", GLOBAL + "?mode=update", root, dump.toString());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(204);
            // the imported tenants work: same secrets, the rate limit is in force
            target.token("/acme/admin/oauth2/token", (String) acmeAdmin.get("client_id"),
                    (String) acmeAdmin.get("client_secret"), null);
            target.token("/default/shop/oauth2/token", shopClient, shopSecret, "orders.read");
            HttpResponse<String> limits = tenants.send("GET", "/api/admin/tenants/acme/rate-limits", root, null);
            assertThat(Json.read(limits.body(), ObjectNode.class).get("tenant").get("oauth2").get("rate").asInt())
                    .isEqualTo(120);
            // export -> import -> export: the same document; and importing it again changes nothing
            assertThat(export(tenants, root, "?with_secrets=true")).isEqualTo(dump);
            ObjectNode again = dryRun(tenants, root, dump);
            assertThat(again.get("created")).isEmpty();
            assertThat(again.get("updated")).isEmpty();
            // mode fail: every tenant exists, nothing changes
            HttpResponse<String> conflict = tenants.send("PUT", GLOBAL, root, dump.toString());
            assertThat(ScopesApiTestHttp.error(conflict, 409).get("error").toString()).contains("tenants[0].id");
        }
    }

    @Test
    void aBrokenReferenceChangesNothingAndIsNamed() {
        try (TestServer server = TestServer.start()) {
            var tenants = new TenantsApiTestHttp(server);
            String root = tenants.rootToken();
            ObjectNode before = export(tenants, root, "?with_secrets=true");
            String dump = """
                    {"tenants": [{"id": "beta", "name": "Beta"}],
                     "servers": [{"tenant_id": "beta", "id": "shop", "name": "Shop"}],
                     "clients": [{"tenant_id": "nope", "authorization_server_id": "shop", "client_id": "x",
                                  "client_name": "X", "grant_types": ["client_credentials"]}],
                     "rate_limits": [{"tenant_id": "beta", "module": "no-such-module", "rate": 1, "burst": 1,
                                      "period": "1m0s"}]}""";
            HttpResponse<String> response = tenants.send("PUT", GLOBAL + "?mode=update", root, dump);
            Map<String, Object> error = ScopesApiTestHttp.error(response, 400);
            assertThat(error.get("error").toString()).contains("clients[0].tenant_id");
            assertThat(error.get("details").toString()).contains("rate_limits[0]", "no-such-module");
            assertThat(tenants.send("GET", "/api/system/tenants/beta", root, null).statusCode()).isEqualTo(404);
            assertThat(export(tenants, root, "?with_secrets=true")).isEqualTo(before);
            // a dry run reports the same errors and what the rest would do
            JsonNode report = Json.read(tenants.send("PUT", GLOBAL + "?mode=update&dry_run=true", root, dump).body(),
                    ObjectNode.class);
            assertThat(ids(report, "created", "tenants")).containsExactly("beta");
            assertThat(ids(report, "created", "servers")).containsExactly("beta/shop");
            assertThat(report.get("errors")).hasSize(2);
        }
    }

    @Test
    void onlyTheSystemTenantsTokensAndValidQueries() {
        try (TestServer server = TestServer.start()) {
            var tenants = new TenantsApiTestHttp(server);
            ScopesApiTestHttp.error(tenants.send("GET", GLOBAL, server.adminToken(), null), 403);
            ScopesApiTestHttp.error(tenants.send("GET", GLOBAL, null, null), 401);
            String root = tenants.rootToken();
            ScopesApiTestHttp.error(tenants.send("GET", GLOBAL + "?workspace_id=admin", root, null), 400);
            ScopesApiTestHttp.error(tenants.send("GET", GLOBAL + "?tid=nope", root, null), 404);
            ScopesApiTestHttp.error(tenants.send("GET", GLOBAL + "?with_keys=true", root, null), 400);
            ScopesApiTestHttp.error(tenants.send("PUT", GLOBAL, root, "{\"tenant\": {}}"), 400);
            ScopesApiTestHttp.error(tenants.send("PUT", GLOBAL + "?mode=merge", root, "{}"), 400);
            assertThat(export(tenants, root, "?tid=default&workspace_id=admin").get("servers")).hasSize(1);
        }
    }

    @Test
    void aPatchOfTheExportIsImported() {
        try (TestServer server = TestServer.start()) {
            var tenants = new TenantsApiTestHttp(server);
            String root = tenants.rootToken();
            String patch = """
                    [{"op": "replace", "path": "/tenants/0/name", "value": "Renamed"},
                     {"op": "add", "path": "/rate_limits/-", "value": {"tenant_id": "default", "module": "admin",
                      "rate": 5, "burst": 5, "period": "1m0s"}}]""";
            HttpResponse<String> dry = tenants.send("PATCH", GLOBAL + "?tid=default&dry_run=true", root, patch);
            assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
            ObjectNode report = Json.read(dry.body(), ObjectNode.class);
            assertThat(ids(report, "updated", "tenants")).containsExactly("default");
            assertThat(ids(report, "created", "rate_limits")).containsExactly("default/admin");
            assertThat(ids(report, "updated", "clients")).isEmpty();
            assertThat(TestServer.json(tenants.send("GET", "/api/system/tenants/default", root, null)))
                    .containsEntry("name", "Default");
            assertThat(tenants.send("PATCH", GLOBAL + "?tid=default", root, patch).statusCode()).isEqualTo(204);
            assertThat(TestServer.json(tenants.send("GET", "/api/system/tenants/default", root, null)))
                    .containsEntry("name", "Renamed");
            HttpResponse<String> limits = tenants.send("GET", "/api/admin/tenants/default/rate-limits", root, null);
            assertThat(Json.read(limits.body(), ObjectNode.class).get("tenant").get("admin").get("rate").asInt())
                    .isEqualTo(5);
            ScopesApiTestHttp.error(tenants.send("PATCH", GLOBAL, root, "[{\"op\": \"test\", \"path\": \"/tenants/0/id\", \"value\": \"x\"}]"),
                    400);
            ScopesApiTestHttp.error(tenants.send("PATCH", GLOBAL, server.adminToken(), "[]"), 403);
        }
    }

    private static ObjectNode export(TenantsApiTestHttp tenants, String root, String query) {
        HttpResponse<String> response = tenants.send("GET", GLOBAL + query, root, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.read(response.body(), ObjectNode.class);
    }

    private static ObjectNode dryRun(TenantsApiTestHttp tenants, String root, JsonNode dump) {
        HttpResponse<String> response = tenants.send("PUT", GLOBAL + "?mode=update&dry_run=true", root,
                dump.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.read(response.body(), ObjectNode.class);
    }
}
