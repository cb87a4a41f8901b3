package dev.latchkey.http.api;

import dev.latchkey.support.Json;
import dev.latchkey.support.Xid;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.ClientsApiTestHttp.CLIENTS;
import static dev.latchkey.http.api.ClientsApiTestHttp.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications through the Admin API (createClient, getClient, updateClient, deleteClient): Cloudentity's
 * defaults and shapes, the overview data (client id, secret, issuer), every spec field kept, and changes that
 * take effect on the token endpoint at once. Bad inputs: {@link ClientsApiTestBadInputTest}; listing:
 * {@link ClientsApiTestListTest}; secret rotation: {@link ClientsApiTestRotationTest}.
 */
class ClientsApiTest {

    private static final String ADMIN_TOKEN_PATH = "/default/admin/oauth2/token";

    static TestServer server;
    static ClientsApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ClientsApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createWithOnlyTheRequiredFieldsTakesCloudentitysDefaults() {
        HttpResponse<String> response = http.post(CLIENTS,
                "{\"tenant_id\": \"default\", \"authorization_server_id\": \"default\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("ETag")).isPresent();
        Map<String, Object> client = TestServer.json(response);
        String id = (String) client.get("client_id");
        assertThat(Xid.isValid(id)).as(id).isTrue();
        assertThat((String) client.get("client_secret")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(client)
                .containsEntry("tenant_id", "default")
                .containsEntry("authorization_server_id", "default")
                .containsEntry("client_type", "oauth2")
                .containsEntry("grant_types", List.of("authorization_code"))
                .containsEntry("response_types", List.of("code"))
                .containsEntry("token_endpoint_auth_method", "client_secret_basic")
                .containsEntry("application_type", "web")
                .containsEntry("application_types", List.of("server_web"))
                .containsEntry("client_status", "active")
                .containsEntry("audience", List.of(id))
                .containsEntry("subject_type", "public")
                .containsEntry("introspection_endpoint_auth_method", "client_secret_basic")
                .containsEntry("revocation_endpoint_auth_method", "client_secret_basic")
                .containsEntry("request_object_signing_alg", "any")
                .containsEntry("rotated_secrets", List.of())
                .containsEntry("client_secret_expires_at", 0)
                .containsEntry("redirect_uris", List.of())
                .containsEntry("scopes", List.of())
                .containsEntry("scope", "")
                .containsEntry("system", false)
                .containsEntry("server_issuer_url", server.baseUrl() + "/default/default");
        Instant created = Instant.parse((String) client.get("created_at"));
        assertThat(((Number) client.get("client_id_issued_at")).longValue()).isEqualTo(created.getEpochSecond());
        assertThat(client.get("updated_at")).isEqualTo(client.get("created_at"));
        assertThat(new java.util.ArrayList<>(client.keySet())).isSorted();

        // GET returns the same representation, with the same ETag
        HttpResponse<String> got = http.get(CLIENTS + "/" + id);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(got)).isEqualTo(client);
        assertThat(got.headers().firstValue("ETag")).isEqualTo(response.headers().firstValue("ETag"));
        assertThat(http.auditEvents("created", id)).isEqualTo(1);
    }

    @Test
    void theOverviewDataIsEnoughToGetATokenAtOnce() {
        Map<String, Object> client = http.createService("admin", "introspect_tokens");
        String issuer = (String) client.get("server_issuer_url");
        assertThat(issuer).isEqualTo(server.baseUrl() + "/default/admin");
        assertThat(client).containsEntry("application_types", List.of("service"));

        // the discovery document of the issuer names the token endpoint
        Map<String, Object> discovery = TestServer.json(server.get("/default/admin/.well-known/openid-configuration"));
        assertThat(discovery).containsEntry("token_endpoint", issuer + "/oauth2/token");

        String id = (String) client.get("client_id");
        String secret = (String) client.get("client_secret");
        HttpResponse<String> basic = http.token(ADMIN_TOKEN_PATH, id, secret);
        assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
        assertThat(TestServer.json(basic)).containsEntry("scope", "introspect_tokens");
        assertThat(http.tokenPost(ADMIN_TOKEN_PATH, id, secret).statusCode()).isEqualTo(200);
        // an application of the admin workspace is an admin API client
        String token = (String) TestServer.json(basic).get("access_token");
        assertThat(http.get(CLIENTS + "/" + id, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    }

    @Test
    void givenIdAndSecretAreKeptAndADuplicateIdIs409() {
        String body = """
                {"tenant_id": "default", "authorization_server_id": "admin", "client_id": "my-app_1.x~y",
                 "client_secret": "0123456789abcdef0123456789abcdef-given", "grant_types": ["client_credentials"],
                 "scope": "introspect_tokens revoke_tokens"}""";
        Map<String, Object> client = http.create(body);
        assertThat(client).containsEntry("client_id", "my-app_1.x~y")
                .containsEntry("client_secret", "0123456789abcdef0123456789abcdef-given")
                .containsEntry("scopes", List.of("introspect_tokens", "revoke_tokens"))
                .containsEntry("scope", "introspect_tokens revoke_tokens");
        assertThat(http.tokenStatus(ADMIN_TOKEN_PATH, client, "0123456789abcdef0123456789abcdef-given")).isEqualTo(200);

        long clients = http.clients();
        long events = http.auditEvents();
        assertApiError(http.post(CLIENTS, body.replace("-given", "-other")), 409);
        assertThat(http.clients()).isEqualTo(clients);
        assertThat(http.auditEvents()).isEqualTo(events);
        assertThat(http.tokenStatus(ADMIN_TOKEN_PATH, client, "0123456789abcdef0123456789abcdef-given")).isEqualTo(200);
    }

    @Test
    void everySpecFieldIsAcceptedAndReturnedAsItCame() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", "default");
        body.put("authorization_server_id", "default");
        body.put("client_name", "Everything");
        body.put("description", "All the fields");
        body.put("application_type", "native");
        body.put("redirect_uris", List.of("com.example.app:/callback", "http://127.0.0.1:8080/cb",
                "http://[::1]/cb", "http://localhost/cb", "https://app.example.com/cb?x=1"));
        body.put("post_logout_redirect_uris", List.of("https://app.example.com/bye"));
        body.put("grant_types", List.of("authorization_code", "refresh_token"));
        body.put("response_types", List.of("code", "code id_token"));
        body.put("scopes", List.of("openid", "email"));
        body.put("token_endpoint_auth_method", "client_secret_post");
        body.put("trusted", true);
        body.put("metadata", Map.of("team", "payments", "nested", Map.of("a", 1)));
        body.put("token_ttls", Map.of("access_token_ttl", "10m0s", "refresh_token_ttl", "720h0m0s"));
        body.put("use_custom_token_ttls", true);
        body.put("jwks", Map.of("keys", List.of(Map.of("kty", "EC", "crv", "P-256", "kid", "k1",
                "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"))));
        body.put("id_token_signed_response_alg", "ES256");
        body.put("userinfo_signed_response_alg", "RS256");
        body.put("subject_type", "pairwise");
        body.put("sector_identifier_uri", "https://app.example.com/sector.json");
        body.put("logo_uri", "https://app.example.com/logo.png");
        body.put("privacy", Map.of("scopes", Map.of("email", Map.of("purpose", "contact"))));
        body.put("backchannel_token_delivery_mode", "poll");
        body.put("tls_client_certificate_bound_access_tokens", false);
        body.put("dpop_bound_access_tokens", true);
        body.put("token_exchange", Map.of("actor_claims", List.of("sub")));
        body.put("request_uris", List.of("https://app.example.com/request.jwt"));
        body.put("default_acr_values", List.of("1"));
        body.put("authorization_details_types", List.of("payment_initiation"));
        body.put("audience", List.of("https://api.example.com"));
        body.put("saml_signing_hash", "sha-256");
        body.put("hashed_secret", "");

        Map<String, Object> client = http.create(Json.write(body));
        for (Map.Entry<String, Object> field : body.entrySet()) {
            Object expected = field.getValue();
            assertThat(client.get(field.getKey())).as(field.getKey()).isEqualTo(
                    Json.read(Json.write(expected), Object.class));
        }
        assertThat(client).containsEntry("scope", "openid email");
    }

    @Test
    void aGetBodyCanBePutBackUnchanged() {
        Map<String, Object> client = http.createService("admin", "introspect_tokens");
        String path = CLIENTS + "/" + client.get("client_id");
        HttpResponse<String> got = http.get(path);

        server.clock.advance(java.time.Duration.ofSeconds(5));
        HttpResponse<String> put = http.put(path, got.body());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        Map<String, Object> updated = TestServer.json(put);
        Map<String, Object> before = new LinkedHashMap<>(TestServer.json(got));
        assertThat(updated.get("updated_at")).isNotEqualTo(before.get("updated_at"));
        before.remove("updated_at");
        updated.remove("updated_at");
        assertThat(updated).isEqualTo(before);
        assertThat(http.auditEvents("updated", (String) client.get("client_id"))).isEqualTo(1);
    }

    @Test
    void anUpdateTakesEffectOnTheTokenEndpointAtOnce() {
        Map<String, Object> client = http.createService("admin", "introspect_tokens");
        String id = (String) client.get("client_id");
        String secret = (String) client.get("client_secret");
        assertThat(http.tokenStatus(ADMIN_TOKEN_PATH, client, secret)).isEqualTo(200); // now cached

        Map<String, Object> body = new LinkedHashMap<>(client);
        body.put("grant_types", List.of("authorization_code"));
        HttpResponse<String> put = http.put(CLIENTS + "/" + id, Json.write(body));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        HttpResponse<String> refused = http.token(ADMIN_TOKEN_PATH, id, secret);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(refused)).containsEntry("error", "unauthorized_client");

        body.put("grant_types", List.of("client_credentials"));
        body.put("client_status", "inactive");
        assertThat(http.put(CLIENTS + "/" + id, Json.write(body)).statusCode()).isEqualTo(200);
        assertThat(http.tokenStatus(ADMIN_TOKEN_PATH, client, secret)).isEqualTo(401);

        body.put("client_status", "active");
        body.put("scopes", List.of("revoke_tokens"));
        body.remove("scope");
        assertThat(http.put(CLIENTS + "/" + id, Json.write(body)).statusCode()).isEqualTo(200);
        HttpResponse<String> again = http.token(ADMIN_TOKEN_PATH, id, secret);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(again)).containsEntry("scope", "revoke_tokens");
    }

    @Test
    void aPutWithoutTheSecretKeepsItAndWithASecretReplacesIt() {
        Map<String, Object> client = http.createService("admin");
        String id = (String) client.get("client_id");
        String old = (String) client.get("client_secret");
        String minimal = "{\"tenant_id\": \"default\", \"authorization_server_id\": \"admin\", "
                + "\"grant_types\": [\"client_credentials\"]%s}";

        Map<String, Object> kept = TestServer.json(http.put(CLIENTS + "/" + id, minimal.formatted("")));
        assertThat(kept).containsEntry("client_secret", old).containsEntry("client_name", "")
                .containsEntry("created_at", client.get("created_at"));
        assertThat(http.tokenStatus(ADMIN_TOKEN_PATH, client, old)).isEqualTo(200);

        String replaced = "replaced-secret-0123456789abcdef0123456789";
        HttpResponse<String> put = http.put(CLIENTS + "/" + id,
                minimal.formatted(", \"client_secret\": \"" + replaced + "\""));
        assertThat(TestServer.json(put)).containsEntry("client_secret", replaced);
        assertThat(http.tokenStatus(ADMIN_TOKEN_PATH, client, old)).isEqualTo(401);
        assertThat(http.tokenStatus(ADMIN_TOKEN_PATH, client, replaced)).isEqualTo(200);
    }

    @Test
    void deleteMakesTheCredentialsFailAtOnce() {
        Map<String, Object> client = http.createService("admin");
        String id = (String) client.get("client_id");
        String secret = (String) client.get("client_secret");
        assertThat(http.tokenStatus(ADMIN_TOKEN_PATH, client, secret)).isEqualTo(200);

        HttpResponse<String> deleted = http.delete(CLIENTS + "/" + id);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(http.tokenStatus(ADMIN_TOKEN_PATH, client, secret)).isEqualTo(401);
        assertApiError(http.get(CLIENTS + "/" + id), 404);
        assertApiError(http.delete(CLIENTS + "/" + id), 404);
        assertThat(http.count("SELECT COUNT(*) FROM clients WHERE id = ?", id)).isZero();
        assertThat(http.auditEvents("deleted", id)).isEqualTo(1);
    }

    @Test
    void ifMatchIsHonouredOnGetPutAndDelete() {
        Map<String, Object> client = http.createService("admin");
        String path = CLIENTS + "/" + client.get("client_id");
        HttpResponse<String> got = http.get(path);
        String etag = got.headers().firstValue("ETag").orElseThrow();
        String stale = "\"not-the-current-etag\"";

        assertThat(http.get(path, "If-Match", etag).statusCode()).isEqualTo(200);
        assertThat(http.get(path, "If-Match", "*").statusCode()).isEqualTo(200);
        assertApiError(http.get(path, "If-Match", stale), 412);

        Map<String, Object> body = new LinkedHashMap<>(client);
        body.put("client_name", "renamed");
        long events = http.auditEvents();
        assertApiError(http.put(path, Json.write(body), "If-Match", stale), 412);
        assertThat(TestServer.json(http.get(path))).containsEntry("client_name", "svc");
        assertApiError(http.delete(path, "If-Match", stale), 412);
        assertThat(http.get(path).statusCode()).isEqualTo(200);
        assertThat(http.auditEvents()).isEqualTo(events);

        HttpResponse<String> put = http.put(path, Json.write(body), "If-Match", etag);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        String newEtag = put.headers().firstValue("ETag").orElseThrow();
        assertThat(newEtag).isNotEqualTo(etag);
        assertApiError(http.delete(path, "If-Match", etag), 412); // the old one no longer matches
        assertThat(http.delete(path, "If-Match", newEtag).statusCode()).isEqualTo(204);
    }

    @Test
    void applicationPurposePresetsWhatItImplies() {
        HttpResponse<String> spa = http.post(CLIENTS + "?application_purpose=single_page",
                "{\"tenant_id\": \"default\", \"authorization_server_id\": \"default\", "
                        + "\"redirect_uris\": [\"https://spa.example.com/cb\"]}");
        assertThat(spa.statusCode()).as(spa.body()).isEqualTo(201);
        assertThat(TestServer.json(spa)).containsEntry("application_types", List.of("single_page"))
                .containsEntry("token_endpoint_auth_method", "none").containsEntry("application_type", "native");

        HttpResponse<String> service = http.post(CLIENTS + "?application_purpose=service",
                "{\"tenant_id\": \"default\", \"authorization_server_id\": \"admin\"}");
        assertThat(TestServer.json(service)).containsEntry("application_types", List.of("service"))
                .containsEntry("grant_types", List.of("client_credentials"))
                .containsEntry("token_endpoint_auth_method", "client_secret_basic");
    }

    @Test
    void theBootstrapAdminApplicationIsVisible() {
        HttpResponse<String> response = http.get(CLIENTS + "/" + TestServer.ADMIN_CLIENT_ID);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(response)).containsEntry("client_secret", TestServer.ADMIN_CLIENT_SECRET)
                .containsEntry("grant_types", List.of("client_credentials"))
                .containsEntry("application_types", List.of("service"))
                .containsEntry("audience", List.of(TestServer.ADMIN_CLIENT_ID))
                .containsEntry("subject_type", "public").containsEntry("client_type", "oauth2")
                .containsEntry("server_issuer_url", server.baseUrl() + "/default/admin");
    }

    @Test
    void rowsWrittenBeforeTheNewFieldsExistedStillRead() {
        // the document of a client as the first version stored it: no rotated secrets, expiry or other fields
        String doc = """
                {"client_id":"old-client","tenant_id":"default","authorization_server_id":"default",
                 "client_name":"Old","description":"","client_secret":"","grant_types":["authorization_code"],
                 "response_types":["code"],"redirect_uris":[],"scopes":[],
                 "token_endpoint_auth_method":"client_secret_basic","application_type":"web","system":false,
                 "disabled":false,"created_at":"2026-01-01T00:00:00Z"}""";
        server.server().database().jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO clients (tenant_id, workspace_id, id, name, doc, created_at, updated_at)
                        VALUES ('default', 'default', 'old-client', 'Old', :doc, :at, :at)""")
                .bind("doc", doc).bind("at", Instant.parse("2026-01-01T00:00:00Z")).execute());

        HttpResponse<String> response = http.get(CLIENTS + "/old-client");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestServer.json(response)).containsEntry("client_secret_expires_at", 0)
                .containsEntry("rotated_secrets", List.of()).containsEntry("updated_at", "2026-01-01T00:00:00Z");
        assertThat(http.get("/api/admin/default/servers/default/clients?search_phrase=old-client").body())
                .contains("\"old-client\"");
    }

    @Test
    void aClientIdThatFailedBeforeItExistedWorksOnceCreated() {
        String secret = "later-created-secret-0123456789abcdef";
        // the failed attempt caches the id as absent
        assertThat(http.token(ADMIN_TOKEN_PATH, "later-created", secret).statusCode()).isEqualTo(401);

        http.create("""
                {"tenant_id": "default", "authorization_server_id": "admin", "client_id": "later-created",
                 "client_secret": "%s", "grant_types": ["client_credentials"]}""".formatted(secret));

        assertThat(http.token(ADMIN_TOKEN_PATH, "later-created", secret).statusCode()).isEqualTo(200);
    }
}
