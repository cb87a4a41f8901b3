package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.ScopesApiTestHttp.error;
import static dev.latchkey.http.api.ScopesApiTestHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scopes through the Admin API, and their effect on the token endpoint: a scope created and given to a
 * client is granted at once, with its service's audience; a deleted or renamed scope is
 * {@code invalid_scope} on the very next request. Built-in scopes cannot be deleted or renamed.
 */
class ScopesApiTest {

    static final String SCOPES = "/api/admin/default/scopes";
    static final String SERVICES = "/api/admin/default/services";

    static TestServer server;
    static ScopesApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ScopesApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, Object> createService(String id, String wid) {
        return ok(http.post(SERVICES, "{\"id\": \"" + id + "\", \"name\": \"" + id + " API\", "
                + "\"authorization_server_id\": \"" + wid + "\"}"), 201);
    }

    @Test
    void aScopeOfAServiceIsCreatedReadAndListed() {
        createService("orders", "default");
        Map<String, Object> created = ok(http.post(SCOPES, """
                {"name": "orders.read", "service_id": "orders", "display_name": "Read orders",
                 "description": "Lets the client read orders", "implicit": true, "metadata": {"team": "shop"}}"""),
                201);

        String id = (String) created.get("id");
        assertThat(id).matches("[0-9a-v]{20}");
        assertThat(created).containsEntry("name", "orders.read").containsEntry("display_name", "Read orders")
                .containsEntry("description", "Lets the client read orders").containsEntry("tenant_id", "default")
                .containsEntry("authorization_server_id", "default").containsEntry("service_id", "orders")
                .containsEntry("implicit", true).containsEntry("implicit_grant", false)
                .containsEntry("transient", false).containsEntry("metadata", Map.of("team", "shop"))
                .doesNotContainKey("system");

        Map<String, Object> read = ok(http.get(SCOPES + "/" + id), 200);
        assertThat(read).containsEntry("id", id).containsEntry("with_service", true)
                .doesNotContainKey("service_id");
        @SuppressWarnings("unchecked")
        Map<String, Object> service = (Map<String, Object>) read.get("service");
        assertThat(service).containsEntry("id", "orders").containsEntry("type", "user")
                .containsEntry("system", false);

        List<Map<String, Object>> listed = list("default");
        assertThat(listed).anySatisfy(s -> assertThat(s).containsEntry("id", id).containsEntry("with_service", true));
        Map<String, Object> openid = byName(listed, "openid");
        assertThat(openid).containsEntry("with_service", true);
        assertThat(((Map<?, ?>) openid.get("service")).get("system")).isEqualTo(true);
        assertThat(http.count("SELECT COUNT(*) FROM audit_events WHERE object_type = 'scope' AND object_id = ? "
                + "AND action = 'created'", id)).isEqualTo(1);
    }

    @Test
    void aScopeWithoutServiceNeedsItsWorkspace() {
        Map<String, Object> created = ok(http.post(SCOPES,
                "{\"id\": \"plain-scope\", \"name\": \"plain\", \"authorization_server_id\": \"default\"}"), 201);
        assertThat(created).containsEntry("id", "plain-scope").doesNotContainKey("service_id");
        Map<String, Object> read = ok(http.get(SCOPES + "/plain-scope"), 200);
        assertThat(read).containsEntry("with_service", false).doesNotContainKey("service");
    }

    @Test
    void theTokenEndpointGrantsANewScopeAtOnceAndRefusesADeletedOneAtOnce() {
        createService("billing", "default");
        http.serviceClient("default", "default", "billing-client", "billing-secret-0123456789abcdef",
                List.of("billing.write"));
        // the workspace is now cached without the scope
        assertInvalidScope(http.tokenRequest("default", "default", "billing-client",
                "billing-secret-0123456789abcdef", "billing.write"));

        Map<String, Object> scope = ok(http.post(SCOPES, "{\"name\": \"billing.write\", \"service_id\": \"billing\"}"),
                201);

        HttpResponse<String> granted = http.tokenRequest("default", "default", "billing-client",
                "billing-secret-0123456789abcdef", "billing.write");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        Map<String, Object> token = TestServer.json(granted);
        assertThat(token).containsEntry("scope", "billing.write");
        assertThat(ScopesApiTestHttp.audience((String) token.get("access_token")))
                .containsExactly("billing-client", "spiffe:/default/default/billing");

        HttpResponse<String> deleted = http.delete(SCOPES + "/" + scope.get("id"));
        assertThat(deleted.statusCode()).isEqualTo(204);

        assertInvalidScope(http.tokenRequest("default", "default", "billing-client",
                "billing-secret-0123456789abcdef", "billing.write"));
        // asking for nothing gives what is left of the client's scopes: nothing
        HttpResponse<String> none = http.tokenRequest("default", "default", "billing-client",
                "billing-secret-0123456789abcdef", null);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(none).getOrDefault("scope", "")).isEqualTo("");
        error(http.get(SCOPES + "/" + scope.get("id")), 404);
    }

    @Test
    void aRenamedScopeIsGrantedUnderItsNewNameOnly() {
        ok(http.post(SCOPES, "{\"id\": \"renamed\", \"name\": \"old.name\", \"authorization_server_id\": \"default\"}"),
                201);
        http.serviceClient("default", "default", "rename-client", "rename-secret-0123456789abcdef",
                List.of("old.name", "new.name"));
        assertThat(http.tokenRequest("default", "default", "rename-client", "rename-secret-0123456789abcdef",
                "old.name").statusCode()).isEqualTo(200);
        String etag = http.get(SCOPES + "/renamed").headers().firstValue("ETag").orElseThrow();

        error(http.put(SCOPES + "/renamed", "{\"name\": \"new.name\"}", "If-Match", "\"stale\""), 412);
        assertThat(ok(http.get(SCOPES + "/renamed"), 200)).containsEntry("name", "old.name");

        Map<String, Object> updated = ok(http.put(SCOPES + "/renamed", """
                {"name": "new.name", "display_name": "New", "transient": true, "authorization_server_id": "default",
                 "tenant_id": "default", "id": "renamed"}""", "If-Match", etag), 200);
        assertThat(updated).containsEntry("name", "new.name").containsEntry("display_name", "New")
                .containsEntry("transient", true).containsEntry("authorization_server_id", "default");

        assertInvalidScope(http.tokenRequest("default", "default", "rename-client", "rename-secret-0123456789abcdef",
                "old.name"));
        assertThat(http.tokenRequest("default", "default", "rename-client", "rename-secret-0123456789abcdef",
                "new.name").statusCode()).isEqualTo(200);
    }

    @Test
    void builtInScopesCannotBeDeletedOrRenamedButCanBeDescribed() {
        Map<String, Object> openid = byName(list("default"), "openid");
        String path = SCOPES + "/" + openid.get("id");

        error(http.delete(path), 422);
        error(http.put(path, "{\"name\": \"openid2\"}"), 422);
        Map<String, Object> described = ok(http.put(path, "{\"name\": \"openid\", \"description\": \"Sign in\"}"), 200);
        assertThat(described).containsEntry("description", "Sign in").containsEntry("name", "openid");
        assertThat(byName(list("default"), "openid")).containsEntry("description", "Sign in");
        // the bootstrap admin client still gets its built-in scopes
        assertThat(server.adminToken()).isNotEmpty();
        error(http.delete(SCOPES + "/" + byName(list("admin"), "introspect_tokens").get("id")), 422);
    }

    @Test
    void namesAndIdsAreUniqueAndServicesMustFit() {
        createService("unique-svc", "default");
        ok(http.post(SCOPES, "{\"id\": \"u1\", \"name\": \"unique.scope\", \"authorization_server_id\": \"default\"}"),
                201);
        long before = http.count("SELECT COUNT(*) FROM scopes");

        error(http.post(SCOPES, "{\"name\": \"unique.scope\", \"authorization_server_id\": \"default\"}"), 409);
        error(http.post(SCOPES, "{\"name\": \"unique.scope\", \"service_id\": \"unique-svc\"}"), 409);
        error(http.post(SCOPES, "{\"id\": \"u1\", \"name\": \"other\", \"authorization_server_id\": \"default\"}"), 409);
        error(http.post(SCOPES, "{\"id\": \"u1\", \"name\": \"other\", \"authorization_server_id\": \"system\"}"), 409);
        error(http.post(SCOPES, "{\"name\": \"x\", \"service_id\": \"unique-svc\", "
                + "\"authorization_server_id\": \"system\"}"), 422);
        String oidc = (String) ((Map<?, ?>) byName(list("default"), "openid").get("service")).get("id");
        error(http.post(SCOPES, "{\"name\": \"x\", \"service_id\": \"" + oidc + "\"}"), 422);
        error(http.post(SCOPES, "{\"name\": \"x\", \"service_id\": \"no-such-service\"}"), 404);
        error(http.post(SCOPES, "{\"name\": \"x\", \"authorization_server_id\": \"no-such-workspace\"}"), 404);
        error(http.post(SCOPES, "{\"name\": \"x\"}"), 400);
        ok(http.post(SCOPES, "{\"id\": \"u1-elsewhere\", \"name\": \"x\", \"authorization_server_id\": \"default\"}"),
                201);
        error(http.put(SCOPES + "/u1-elsewhere", "{\"name\": \"unique.scope\"}"), 409);
        error(http.put(SCOPES + "/u1", "{\"name\": \"unique.scope\", \"service_id\": \"unique-svc\"}"), 422);
        error(http.put(SCOPES + "/u1", "{\"name\": \"unique.scope\", \"authorization_server_id\": \"system\"}"), 422);
        assertThat(http.count("SELECT COUNT(*) FROM scopes")).isEqualTo(before + 1);
        assertThat(ok(http.get(SCOPES + "/u1"), 200)).containsEntry("name", "unique.scope")
                .containsEntry("with_service", false);
    }

    static void assertInvalidScope(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestServer.json(response)).containsEntry("error", "invalid_scope");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(String wid) {
        return (List<Map<String, Object>>) ok(http.get("/api/admin/default/servers/" + wid + "/scopes"), 200)
                .get("scopes");
    }

    static Map<String, Object> byName(List<Map<String, Object>> scopes, String name) {
        return scopes.stream().filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow();
    }
}
