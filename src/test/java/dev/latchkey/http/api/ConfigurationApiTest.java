package dev.latchkey.http.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.ConfigurationApiTestHttp.find;
import static dev.latchkey.http.api.ConfigurationApiTestHttp.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration export / import over HTTP (System API {@code /api/system/{tid}/configuration}): an export
 * imported into a fresh server reproduces a working tenant (same client secret, same static users), export →
 * import → export is the same document, one broken reference changes nothing and is named, update mode
 * changes only what differs, a dry run reports exactly what the real run then does, mode fail on an existing
 * entity changes nothing, secrets only with {@code with_secrets}.
 */
class ConfigurationApiTest {

    @Test
    void anExportImportedIntoAFreshServerReproducesAWorkingTenant() {
        ObjectNode dump;
        ObjectNode shopExport;
        String clientId;
        String secret;
        try (TestServer source = TestServer.start()) {
            var a = new ConfigurationApiTestHttp(source);
            a.populate();
            dump = a.export("?with_secrets=true");
            shopExport = a.export("?with_secrets=true&workspace_id=shop");
            clientId = a.shopClientId;
            secret = a.shopClientSecret;
        }
        try (TestServer target = TestServer.start()) {
            var b = new ConfigurationApiTestHttp(target);
            HttpResponse<String> imported = b.put("?mode=update", dump);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(204);
            // the imported application gets tokens with the same secret and its imported scope
            HttpResponse<String> token = target.postForm("/default/shop/oauth2/token", "grant_type=client_credentials"
                    + "&client_id=" + clientId + "&client_secret=" + secret + "&scope=orders.read");
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            assertThat(TestServer.json(token)).containsEntry("scope", "orders.read").containsEntry("expires_in", 1800);
            // export -> import -> export: the same document
            assertThat(b.export("?with_secrets=true&workspace_id=shop")).isEqualTo(shopExport);
            ObjectNode again = b.export("?with_secrets=true");
            for (String section : List.of("servers", "services", "scopes", "idps", "mfa_methods")) {
                assertThat(again.get(section)).as(section).isEqualTo(dump.get(section));
            }
            // every client of the source is there as it was (the target has its own config client too)
            dump.get("clients").forEach(c -> assertThat(find(again, "clients", "client_id",
                    c.get("client_id").asText())).isEqualTo(c));
            // and importing it again changes nothing
            ObjectNode report = b.dryRun("update", dump);
            assertThat(report.get("created")).isEmpty();
            assertThat(report.get("updated")).isEmpty();
            assertThat(report.get("errors")).isEmpty();
        }
    }

    @Test
    void aDumpWithOneBrokenReferenceChangesNothingAndNamesIt() {
        try (TestServer server = TestServer.start()) {
            var t = new ConfigurationApiTestHttp(server);
            ObjectNode before = t.export("?with_secrets=true");
            ObjectNode dump = dumpObject("""
                    {"servers": [{"tenant_id": "default", "id": "w2", "name": "W2"}],
                     "clients": [
                       {"tenant_id": "default", "authorization_server_id": "w2", "client_id": "ok-app",
                        "client_name": "OK", "grant_types": ["client_credentials"]},
                       {"tenant_id": "default", "authorization_server_id": "nope", "client_id": "broken-app",
                        "client_name": "Broken", "grant_types": ["client_credentials"]}]}""");
            HttpResponse<String> response = t.put("?mode=update", dump);
            Map<String, Object> error = ScopesApiTestHttp.error(response, 400);
            assertThat((String) error.get("error")).contains("clients[1].authorization_server_id");
            @SuppressWarnings("unchecked")
            var errors = (List<Map<String, Object>>) ((Map<String, Object>) error.get("details")).get("errors");
            assertThat(errors).containsExactly(Map.of("path", "clients[1].authorization_server_id",
                    "message", "no such workspace \"nope\""));
            assertThat(t.export("?with_secrets=true")).isEqualTo(before);
            ScopesApiTestHttp.error(t.http.get("/api/admin/default/servers/w2"), 404);
            // the dry run lists the same error, and what the rest would have done
            ObjectNode report = t.dryRun("update", dump);
            assertThat(ids(report, "created", "servers")).containsExactly("w2");
            assertThat(ids(report, "created", "clients")).containsExactly("ok-app");
            assertThat(report.get("errors").get(0).get("path").asText()).isEqualTo("clients[1].authorization_server_id");
        }
    }

    @Test
    void updateModeChangesOnlyWhatDiffers() {
        try (TestServer server = TestServer.start()) {
            var t = new ConfigurationApiTestHttp(server);
            t.populate();
            ObjectNode dump = t.export("");
            find(dump, "clients", "client_id", "shop-backend").put("client_name", "Shop backend v2");
            find(dump, "scopes", "id", "orders.read").put("description", "Read all orders");
            Object serviceUpdatedAt = ScopesApiTestHttp.ok(t.http.get("/api/admin/default/services/orders"), 200)
                    .get("updated_at");
            server.clock.advance(Duration.ofMinutes(5));

            ObjectNode report = t.dryRun("update", dump);
            assertThat(report.get("created")).isEmpty();
            assertThat(report.get("errors")).isEmpty();
            assertThat(report.get("updated")).isEqualTo(dump("""
                    {"scopes": ["orders.read"], "clients": ["shop-backend"]}"""));
            assertThat(ids(report, "unchanged", "servers")).contains("shop", "admin", "system");
            assertThat(ids(report, "unchanged", "services")).containsExactly("orders");
            // "administrators": the console's administrators of default/admin, made by bootstrap
            assertThat(ids(report, "unchanged", "idps")).containsExactly("administrators", "shop-users");
            assertThat(ids(report, "unchanged", "mfa_methods")).containsExactly("mail");

            HttpResponse<String> real = t.put("?mode=update", dump);
            assertThat(real.statusCode()).as(real.body()).isEqualTo(204);
            assertThat(ScopesApiTestHttp.ok(t.http.get("/api/admin/default/clients/shop-backend"), 200))
                    .containsEntry("client_name", "Shop backend v2");
            assertThat(ScopesApiTestHttp.ok(t.http.get("/api/admin/default/services/orders"), 200))
                    .containsEntry("updated_at", serviceUpdatedAt);
            // the secret, absent from the dump, is kept; the static user keeps its password
            server.token("/default/shop/oauth2/token", t.shopClientId, t.shopClientSecret, "orders.read");
            assertThat(find(t.export("?with_secrets=true"), "idps", "id", "shop-users").at("/credentials/users/0/password")
                    .asText()).isEqualTo("alice-password-1");
            assertThat(t.dryRun("update", dump).get("updated")).isEmpty();
        }
    }

    @Test
    void aDryRunChangesNothingAndReportsExactlyWhatTheRealRunThenDoes() {
        try (TestServer server = TestServer.start()) {
            var t = new ConfigurationApiTestHttp(server);
            t.populate();
            ObjectNode dump = t.export("?workspace_id=shop");
            find(dump, "servers", "id", "shop").put("name", "Shop (renamed)");
            ((ArrayNode) dump.get("scopes")).addObject().put("tenant_id", "default").put("id", "orders.write")
                    .put("name", "orders.write").put("service_id", "orders");
            ((ArrayNode) dump.get("clients")).addObject().put("tenant_id", "default")
                    .put("authorization_server_id", "shop").put("client_id", "shop-writer")
                    .put("client_name", "Writer").set("scopes", dump("[\"orders.write\"]"));
            ObjectNode before = t.export("?with_secrets=true");

            ObjectNode report = t.dryRun("update", dump);
            assertThat(t.export("?with_secrets=true")).isEqualTo(before);
            assertThat(report.get("created")).isEqualTo(dump("""
                    {"scopes": ["orders.write"], "clients": ["shop-writer"]}"""));
            assertThat(report.get("updated")).isEqualTo(dump("{\"servers\": [\"shop\"]}"));
            assertThat(report.get("errors")).isEmpty();

            HttpResponse<String> real = t.put("?mode=update", dump);
            assertThat(real.statusCode()).as(real.body()).isEqualTo(204);
            ObjectNode after = t.export("?workspace_id=shop");
            assertThat(find(after, "servers", "id", "shop").get("name").asText()).isEqualTo("Shop (renamed)");
            find(after, "scopes", "id", "orders.write");
            assertThat(find(after, "clients", "client_id", "shop-writer").get("scopes"))
                    .isEqualTo(dump("[\"orders.write\"]"));
            // what the dry run said would change is exactly what did: nothing is left to do
            ObjectNode second = t.dryRun("update", dump);
            assertThat(second.get("created")).isEmpty();
            assertThat(second.get("updated")).isEmpty();
            assertThat(ids(second, "unchanged", "clients")).contains("shop-writer", "shop-backend");
        }
    }

    @Test
    void modeFailOnAnExistingEntityIsAnErrorAndChangesNothing() {
        try (TestServer server = TestServer.start()) {
            var t = new ConfigurationApiTestHttp(server);
            t.populate();
            ObjectNode dump = t.export("?workspace_id=shop");
            find(dump, "clients", "client_id", "shop-backend").put("client_name", "Changed");
            ((ArrayNode) dump.get("servers")).addObject().put("tenant_id", "default").put("id", "fresh");
            ObjectNode before = t.export("?with_secrets=true");
            Map<String, Object> error = ScopesApiTestHttp.error(t.put("", dump), 409);
            assertThat((String) error.get("error")).contains("servers[0].id: workspace \"shop\" already exists");
            assertThat(t.export("?with_secrets=true")).isEqualTo(before);
            // ignore: the existing ones are left as they are, the new one is created
            assertThat(t.put("?mode=ignore", dump).statusCode()).isEqualTo(204);
            assertThat(find(t.export(""), "clients", "client_id", "shop-backend").get("client_name").asText())
                    .isEqualTo("Shop backend");
            ScopesApiTestHttp.ok(t.http.get("/api/admin/default/servers/fresh"), 200);
        }
    }

    @Test
    void secretsAreExportedOnlyWhenAsked() {
        try (TestServer server = TestServer.start()) {
            var t = new ConfigurationApiTestHttp(server);
            t.populate();
            String plain = t.export("").toString();
            assertThat(plain).doesNotContain(t.shopClientSecret).doesNotContain("alice-password-1")
                    .doesNotContain("smtp-password-do-not-leak")
                    .doesNotContain("\"client_secret\"").doesNotContain("\"secret\"")
                    .doesNotContain("\"password\"").doesNotContain("\"d\"");
            ObjectNode full = t.export("?with_secrets=true");
            assertThat(find(full, "clients", "client_id", "shop-backend").get("client_secret").asText())
                    .isEqualTo(t.shopClientSecret);
            assertThat(find(full, "servers", "id", "shop").has("secret")).isTrue();
            assertThat(full.toString()).contains("alice-password-1").contains("smtp-password-do-not-leak");
            assertThat(t.export("?workspace_id=shop").get("mfa_methods")).isEmpty();
            assertThat(full.get("tenant")).isEqualTo(dump("{\"id\": \"default\", \"name\": \"Default\"}"));
        }
    }

    static ObjectNode dumpObject(String json) {
        return (ObjectNode) dump(json);
    }

    static com.fasterxml.jackson.databind.JsonNode dump(String json) {
        return dev.latchkey.support.Json.read(json, com.fasterxml.jackson.databind.JsonNode.class);
    }
}
