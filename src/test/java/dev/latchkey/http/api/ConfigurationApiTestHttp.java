package dev.latchkey.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers of the configuration API tests: a System API client of tenant {@code default} with the
 * configuration scopes (created through the Admin API in workspace {@code system}), its token, export and
 * import calls, and a populated workspace {@code shop} (service, scope, static IDP, application).
 */
final class ConfigurationApiTestHttp {

    static final String CONFIG = "/api/system/default/configuration";

    final TestServer server;
    final ScopesApiTestHttp http;
    String shopClientId;
    String shopClientSecret;
    private String systemClientId;
    private String systemClientSecret;

    ConfigurationApiTestHttp(TestServer server) {
        this.server = server;
        this.http = new ScopesApiTestHttp(server);
        Map<String, Object> created = ScopesApiTestHttp.ok(http.post("/api/admin/default/clients", """
                {"tenant_id": "default", "authorization_server_id": "system", "client_name": "config-as-code",
                 "grant_types": ["client_credentials"], "token_endpoint_auth_method": "client_secret_post",
                 "scopes": ["manage_configuration", "read_configuration"]}"""), 201);
        systemClientId = (String) created.get("client_id");
        systemClientSecret = (String) created.get("client_secret");
    }

    String token(String scope) {
        return server.token("/default/system/oauth2/token", systemClientId, systemClientSecret, scope);
    }

    String manageToken() {
        return token("manage_configuration read_configuration");
    }

    /** Export with the query {@code query} ("" for none); asserts 200. */
    ObjectNode export(String query) {
        HttpResponse<String> response = http.call("GET", CONFIG + query, manageToken(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.read(response.body(), ObjectNode.class);
    }

    HttpResponse<String> put(String query, JsonNode dump) {
        return http.call("PUT", CONFIG + query, manageToken(), dump.toString());
    }

    /** A dry run's report; asserts 200. */
    ObjectNode dryRun(String mode, JsonNode dump) {
        HttpResponse<String> response = put("?dry_run=true&mode=" + mode, dump);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.read(response.body(), ObjectNode.class);
    }

    /** Workspace {@code shop} with service, scope, static IDP and app; the tenant's MFA method {@code mail}. */
    void populate() {
        ScopesApiTestHttp.ok(http.post("/api/admin/default/servers", """
                {"tenant_id": "default", "id": "shop", "name": "Shop", "access_token_ttl": "30m0s"}"""), 201);
        ScopesApiTestHttp.ok(http.post("/api/admin/default/services", """
                {"tenant_id": "default", "id": "orders", "name": "Orders", "authorization_server_id": "shop"}"""), 201);
        ScopesApiTestHttp.ok(http.post("/api/admin/default/scopes", """
                {"tenant_id": "default", "id": "orders.read", "name": "orders.read", "service_id": "orders",
                 "description": "Read orders"}"""), 201);
        ScopesApiTestHttp.ok(http.post("/api/admin/default/servers/shop/idps/static", IdpsApiTest.SEED_BODY
                .replace("enter-id-for-your-new-IDP-here", "shop-users").replace("enter-your-tid-here", "default")
                .replace("enter-your-aid-here", "shop").replace("enter-IDP-name-for-UI-here", "Shop users")
                .replace("enter-username-for-end-user-login", "alice")
                .replace("enter-password-for-end-user-login", "alice-password-1")), 201);
        Map<String, Object> client = ScopesApiTestHttp.ok(http.post("/api/admin/default/clients", """
                {"tenant_id": "default", "authorization_server_id": "shop", "client_id": "shop-backend",
                 "client_name": "Shop backend", "grant_types": ["client_credentials"],
                 "token_endpoint_auth_method": "client_secret_post", "scopes": ["orders.read"]}"""), 201);
        ScopesApiTestHttp.ok(http.post("/api/admin/default/mfa-methods", MfaMethodsApiTest.SMTP_METHOD
                .replace("{\"mechanism\"", "{\"id\": \"mail\", \"mechanism\"")), 201);
        shopClientId = (String) client.get("client_id");
        shopClientSecret = (String) client.get("client_secret");
    }

    /** The ids of a report's section ({@code created}, {@code updated}, {@code unchanged}) for one kind. */
    static List<String> ids(JsonNode report, String outcome, String kind) {
        List<String> out = new ArrayList<>();
        report.path(outcome).path(kind).forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The element of {@code dump[section]} whose {@code field} is {@code id}. */
    static ObjectNode find(JsonNode dump, String section, String field, String id) {
        for (JsonNode n : dump.path(section)) {
            if (id.equals(n.path(field).asText())) {
                return (ObjectNode) n;
            }
        }
        throw new AssertionError(section + " has no " + id + ": " + dump);
    }
}
