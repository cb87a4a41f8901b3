package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.ScopesApiTest.assertInvalidScope;
import static dev.latchkey.http.api.ScopesApiTestHttp.error;
import static dev.latchkey.http.api.ScopesApiTestHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Services through the Admin API: created with their {@code spiffe:} audience, read with their scopes,
 * listed with type filters and keyset paging, updated with If-Match, deleted with their scopes (which the
 * token endpoint then refuses at once). Built-in services cannot be deleted or renamed.
 */
class ServicesApiTest {

    static final String SERVICES = "/api/admin/default/services";
    static final String SCOPES = "/api/admin/default/scopes";

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

    @Test
    void aServiceIsCreatedWithItsAudienceAndReadWithItsScopes() {
        Map<String, Object> created = ok(http.post(SERVICES, """
                {"id": "catalog", "name": "Catalog", "description": "Products", "authorization_server_id": "default",
                 "custom_audience": "https://api.example.com"}"""), 201);
        assertThat(created).containsEntry("id", "catalog").containsEntry("name", "Catalog")
                .containsEntry("description", "Products").containsEntry("tenant_id", "default")
                .containsEntry("authorization_server_id", "default").containsEntry("type", "user")
                .containsEntry("system", false).containsEntry("custom_audience", "https://api.example.com")
                .containsEntry("with_specification", false).containsEntry("audience", "spiffe:/default/default/catalog")
                .containsKey("updated_at");

        ok(http.post(SCOPES, "{\"name\": \"catalog.read\", \"service_id\": \"catalog\"}"), 201);
        ok(http.post(SCOPES, "{\"name\": \"catalog.write\", \"service_id\": \"catalog\"}"), 201);

        Map<String, Object> read = ok(http.get(SERVICES + "/catalog"), 200);
        assertThat(read).containsEntry("audience", "spiffe:/default/default/catalog");
        assertThat(names(read.get("scopes"))).containsExactly("catalog.read", "catalog.write");

        Map<String, Object> item = byId(list("default", ""), "catalog");
        assertThat(item).containsEntry("number_of_scopes", 2).containsEntry("number_of_apis", 0)
                .containsEntry("audience", "spiffe:/default/default/catalog");
        assertThat(http.count("SELECT COUNT(*) FROM audit_events WHERE object_type = 'service' AND object_id = ?",
                "catalog")).isEqualTo(1);
    }

    @Test
    void anAbsentIdIsGenerated() {
        Map<String, Object> created = ok(http.post(SERVICES, "{\"name\": \"Anonymous\", "
                + "\"authorization_server_id\": \"default\"}"), 201);
        assertThat((String) created.get("id")).matches("[0-9a-v]{20}");
        assertThat(created.get("audience")).isEqualTo("spiffe:/default/default/" + created.get("id"));
    }

    @Test
    void updatesHonourIfMatch() {
        ok(http.post(SERVICES, "{\"id\": \"renamed-svc\", \"name\": \"Before\", \"authorization_server_id\": \"default\"}"),
                201);
        String path = SERVICES + "/renamed-svc";
        String etag = http.get(path).headers().firstValue("ETag").orElseThrow();

        error(http.put(path, "{\"name\": \"After\"}", "If-Match", "\"stale\""), 412);
        assertThat(ok(http.get(path), 200)).containsEntry("name", "Before");

        Map<String, Object> updated = ok(http.put(path, """
                {"id": "renamed-svc", "name": "After", "description": "new", "tenant_id": "default",
                 "authorization_server_id": "default", "type": "user", "system": false}""", "If-Match", etag), 200);
        assertThat(updated).containsEntry("name", "After").containsEntry("description", "new")
                .containsEntry("audience", "spiffe:/default/default/renamed-svc");
        assertThat(ok(http.get(path), 200)).containsEntry("name", "After");
    }

    @Test
    void listsFilterByTypeSearchAndPage() {
        // names hold a "w", which generated (xid) ids never do: a name search cannot match an id by chance
        for (int i = 1; i <= 3; i++) {
            ok(http.post(SERVICES, "{\"id\": \"page-" + i + "\", \"name\": \"Pw" + i + "\", "
                    + "\"authorization_server_id\": \"admin\"}"), 201);
        }
        assertThat(serviceNames(list("admin", ""))).containsExactly("OAuth2", "Pw1", "Pw2", "Pw3");
        assertThat(serviceNames(list("admin", "?service_types=user"))).containsExactly("Pw1", "Pw2", "Pw3");
        assertThat(serviceNames(list("admin", "?service_types=oauth2,system"))).containsExactly("OAuth2");
        assertThat(serviceNames(list("admin", "?limit=2"))).containsExactly("OAuth2", "Pw1");
        assertThat(serviceNames(list("admin", "?after_service_id=page-1&limit=1"))).containsExactly("Pw2");
        assertThat(serviceNames(list("admin", "?before_service_id=page-3&limit=1"))).containsExactly("Pw2");
        assertThat(serviceNames(list("admin", "?order=desc&service_types=user"))).containsExactly("Pw3", "Pw2", "Pw1");
        assertThat(serviceNames(list("admin", "?sort=id&service_types=user&order=asc"))).containsExactly("Pw1", "Pw2", "Pw3");
        assertThat(serviceNames(list("admin", "?search_phrase=pw2"))).containsExactly("Pw2");
        assertThat(serviceNames(list("admin", "?search_phrase=PAGE-3"))).containsExactly("Pw3");

        for (String bad : List.of("?limit=0", "?limit=101", "?limit=x", "?service_types=api", "?sort=colour",
                "?order=up", "?after_service_id=nope", "?after_service_id=page-1&before_service_id=page-3")) {
            assertThat(error(http.get("/api/admin/default/servers/admin/services" + bad), 400)).as(bad)
                    .containsEntry("error_code", "bad_request");
        }
        error(http.get("/api/admin/default/servers/nope/services"), 404);
    }

    @Test
    void deletingAServiceDeletesItsScopesAndTheTokenEndpointRefusesThemAtOnce() {
        ok(http.post(SERVICES, "{\"id\": \"doomed-svc\", \"name\": \"Doomed\", \"authorization_server_id\": \"default\"}"),
                201);
        String scopeId = (String) ok(http.post(SCOPES, "{\"name\": \"doomed.read\", \"service_id\": \"doomed-svc\"}"),
                201).get("id");
        http.serviceClient("default", "default", "doomed-client", "doomed-secret-0123456789abcdef",
                List.of("doomed.read"));
        HttpResponse<String> granted = http.tokenRequest("default", "default", "doomed-client",
                "doomed-secret-0123456789abcdef", "doomed.read");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(ScopesApiTestHttp.audience((String) TestServer.json(granted).get("access_token")))
                .contains("spiffe:/default/default/doomed-svc");

        error(http.delete(SERVICES + "/doomed-svc", "If-Match", "\"stale\""), 412);
        ok(http.get(SCOPES + "/" + scopeId), 200);

        assertThat(http.delete(SERVICES + "/doomed-svc").statusCode()).isEqualTo(204);

        error(http.get(SERVICES + "/doomed-svc"), 404);
        error(http.get(SCOPES + "/" + scopeId), 404);
        assertThat(http.count("SELECT COUNT(*) FROM scopes WHERE service_id = 'doomed-svc'")).isZero();
        assertInvalidScope(http.tokenRequest("default", "default", "doomed-client", "doomed-secret-0123456789abcdef",
                "doomed.read"));
        error(http.delete(SERVICES + "/doomed-svc"), 404);
    }

    @Test
    void builtInServicesCannotBeDeletedRenamedOrRetyped() {
        String oauth2 = (String) byId(list("default", "?service_types=oauth2"), "OAuth2").get("id");
        String path = SERVICES + "/" + oauth2;
        long scopes = http.count("SELECT COUNT(*) FROM scopes WHERE service_id = ?", oauth2);

        error(http.delete(path), 422);
        error(http.put(path, "{\"name\": \"Renamed\"}"), 422);
        Map<String, Object> described = ok(http.put(path, "{\"name\": \"OAuth2\", \"description\": \"Tokens\"}"), 200);
        assertThat(described).containsEntry("system", true).containsEntry("type", "oauth2")
                .containsEntry("description", "Tokens");
        assertThat(http.count("SELECT COUNT(*) FROM scopes WHERE service_id = ?", oauth2)).isEqualTo(scopes);

        ok(http.post(SERVICES, "{\"id\": \"typed-svc\", \"name\": \"Typed\", \"authorization_server_id\": \"default\"}"),
                201);
        error(http.put(SERVICES + "/typed-svc", "{\"name\": \"Typed\", \"type\": \"oidc\"}"), 422);
        error(http.put(SERVICES + "/typed-svc", "{\"name\": \"Typed\", \"authorization_server_id\": \"admin\"}"), 422);
        error(http.post(SERVICES, "{\"name\": \"Fake\", \"type\": \"oauth2\", \"authorization_server_id\": \"default\"}"),
                422);
        error(http.post(SERVICES, "{\"name\": \"Fake\", \"system\": true, \"authorization_server_id\": \"default\"}"),
                422);
        assertThat(http.count("SELECT COUNT(*) FROM services WHERE name = 'Fake'")).isZero();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(String wid, String query) {
        return (List<Map<String, Object>>) ok(http.get("/api/admin/default/servers/" + wid + "/services" + query), 200)
                .get("services");
    }

    /** Names of the listed services (ids of user services are chosen by the test, built-in ones are not). */
    static List<Object> serviceNames(List<Map<String, Object>> services) {
        return services.stream().map(s -> s.get("name")).toList();
    }

    static Map<String, Object> byId(List<Map<String, Object>> services, String idOrName) {
        return services.stream().filter(s -> idOrName.equals(s.get("id")) || idOrName.equals(s.get("name")))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static List<Object> names(Object scopes) {
        return ((List<Map<String, Object>>) scopes).stream().map(s -> s.get("name")).toList();
    }
}
