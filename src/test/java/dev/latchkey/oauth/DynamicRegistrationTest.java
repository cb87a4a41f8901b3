package dev.latchkey.oauth;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.DynamicRegistrationTestHttp.error;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic client registration (RFC 7591) and registration management (RFC 7592) in a workspace that enables it
 * through the Admin API: a confidential client registers and gets tokens at once, a native public client
 * registers, the registration is read, replaced (rotating its token) and deleted with the registration access
 * token, after which the client gets no more tokens; the discovery document names the endpoint.
 */
class DynamicRegistrationTest {

    static TestServer server;
    static DynamicRegistrationTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new DynamicRegistrationTestHttp(server);
        http.workspace("dcr", "{\"enabled\":true,\"initial_access_token\":{\"required\":false}}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aConfidentialClientRegistersAndGetsTokensAtOnce() {
        HttpResponse<String> response = http.register("dcr", """
                {"client_name": "Reporting service", "grant_types": ["client_credentials"],
                 "token_endpoint_auth_method": "client_secret_basic", "scopes": ["openid", "profile"],
                 "system": true, "trusted": true, "token_ttls": {"access_token_ttl": "999h"},
                 "client_id": "chosen-id", "no_such_field": 1}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Object> body = TestServer.json(response);
        String clientId = (String) body.get("client_id");
        String secret = (String) body.get("client_secret");
        String token = (String) body.get("registration_access_token");
        assertThat(clientId).matches("[a-v0-9]{20}");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(body).containsEntry("client_name", "Reporting service")
                .containsEntry("grant_types", List.of("client_credentials"))
                .containsEntry("response_types", List.of())
                .containsEntry("token_endpoint_auth_method", "client_secret_basic")
                .containsEntry("scopes", List.of("openid", "profile"))
                .containsEntry("client_secret_expires_at", 0)
                .containsEntry("client_id_issued_at", (int) server.clock.instant().getEpochSecond())
                .containsEntry("dynamically_registered", true)
                .containsEntry("application_types", List.of("dcr"))
                .containsEntry("registration_access_token_expires_in", 720 * 3600)
                .containsEntry("registration_client_uri", server.baseUrl() + "/default/dcr/oauth2/register/" + clientId)
                .doesNotContainKeys("tenant_id", "authorization_server_id", "system", "trusted", "token_ttls",
                        "rotated_secrets", "no_such_field");

        HttpResponse<String> tokens = http.clientCredentials("dcr", clientId, secret);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(TestServer.json(tokens)).containsEntry("scope", "openid profile");

        Map<String, Object> admin = TestServer.json(http.admin("GET", "/api/admin/default/clients/" + clientId, null,
                200));
        assertThat(admin).containsEntry("authorization_server_id", "dcr").containsEntry("system", false)
                .containsEntry("dynamically_registered", true).doesNotContainKey("trusted");
        assertThat(count("SELECT COUNT(*) FROM audit_events WHERE object_id = '" + clientId
                + "' AND action = 'created'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM client_registrations WHERE token_hash = '" + token + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM client_registrations WHERE client_id = '" + clientId + "'"))
                .isEqualTo(1);
    }

    @Test
    void aNativePublicClientRegistersWithLoopbackAndPrivateUseRedirects() {
        HttpResponse<String> response = http.register("dcr", """
                {"client_name": "Desktop app", "application_type": "native",
                 "redirect_uris": ["http://127.0.0.1:8400/cb", "com.example.app:/oauth2redirect"],
                 "token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "refresh_token"]}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).doesNotContainKey("client_secret").containsEntry("token_endpoint_auth_method", "none")
                .containsEntry("response_types", List.of("code")).containsEntry("application_type", "native")
                .containsEntry("redirect_uris", List.of("http://127.0.0.1:8400/cb", "com.example.app:/oauth2redirect"))
                .containsEntry("scopes", List.of("openid", "address", "email", "phone", "profile"));
        Map<String, Object> admin = TestServer.json(http.admin("GET", "/api/admin/default/clients/"
                + body.get("client_id"), null, 200));
        assertThat(admin).containsEntry("token_endpoint_auth_method", "none")
                .containsEntry("grant_types", List.of("authorization_code", "refresh_token"));
    }

    @Test
    void theRegistrationIsReadReplacedWithANewTokenAndDeleted() {
        Map<String, Object> registered = TestServer.json(http.register("dcr", """
                {"client_name": "Web app", "redirect_uris": ["https://app.example.com/cb"],
                 "grant_types": ["authorization_code", "client_credentials"], "scope": "openid email"}"""));
        String clientId = (String) registered.get("client_id");
        String secret = (String) registered.get("client_secret");
        String token = (String) registered.get("registration_access_token");

        server.clock.advance(Duration.ofHours(1));
        HttpResponse<String> read = http.read("dcr", clientId, token);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        Map<String, Object> readBody = TestServer.json(read);
        assertThat(readBody).containsEntry("client_id", clientId).containsEntry("client_secret", secret)
                .containsEntry("registration_access_token", token)
                .containsEntry("registration_access_token_expires_in", 719 * 3600)
                .containsEntry("scopes", List.of("openid", "email"))
                .containsEntry("redirect_uris", List.of("https://app.example.com/cb"));

        HttpResponse<String> updated = http.update("dcr", clientId, token, """
                {"client_id": "%s", "client_secret": "%s", "client_name": "Web app v2",
                 "redirect_uris": ["https://app.example.com/cb2"], "grant_types": ["client_credentials"]}"""
                .formatted(clientId, secret));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        Map<String, Object> updatedBody = TestServer.json(updated);
        String rotated = (String) updatedBody.get("registration_access_token");
        assertThat(rotated).isNotEqualTo(token);
        assertThat(updatedBody).containsEntry("client_name", "Web app v2").containsEntry("client_secret", secret)
                .containsEntry("grant_types", List.of("client_credentials"))
                .containsEntry("redirect_uris", List.of("https://app.example.com/cb2"))
                .containsEntry("scopes", List.of("openid", "address", "email", "phone", "profile"))
                .containsEntry("registration_access_token_expires_in", 720 * 3600);
        error(http.read("dcr", clientId, token), 401, "invalid_token");
        assertThat(http.read("dcr", clientId, rotated).statusCode()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM audit_events WHERE object_id = '" + clientId
                + "' AND action = 'updated'")).isEqualTo(1);

        assertThat(http.clientCredentials("dcr", clientId, secret).statusCode()).isEqualTo(200);
        error(http.delete("dcr", clientId, token), 401, "invalid_token");
        HttpResponse<String> deleted = http.delete("dcr", clientId, rotated);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        error(http.clientCredentials("dcr", clientId, secret), 401, "invalid_client");
        error(http.read("dcr", clientId, rotated), 401, "invalid_token");
        http.admin("GET", "/api/admin/default/clients/" + clientId, null, 404);
        assertThat(count("SELECT COUNT(*) FROM client_registrations WHERE client_id = '" + clientId + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_events WHERE object_id = '" + clientId
                + "' AND action = 'deleted'")).isEqualTo(1);
    }

    @Test
    void discoveryNamesTheRegistrationEndpointOnlyWhereRegistrationIsEnabled() {
        Map<String, Object> enabled = TestServer.json(server.get("/default/dcr/.well-known/openid-configuration"));
        assertThat(enabled).containsEntry("registration_endpoint", server.baseUrl() + "/default/dcr/oauth2/register");
        Map<String, Object> metadata = TestServer.json(
                server.get("/default/dcr/.well-known/oauth-authorization-server"));
        assertThat(metadata).containsEntry("registration_endpoint", server.baseUrl() + "/default/dcr/oauth2/register");
        assertThat(TestServer.json(server.get("/default/default/.well-known/openid-configuration")))
                .doesNotContainKey("registration_endpoint");
    }

    @Test
    void anAdministratorsChangeKeepsTheRegistrationAndAnAdministratorsDeletionEndsIt() {
        Map<String, Object> registered = TestServer.json(http.register("dcr",
                "{\"grant_types\": [\"client_credentials\"], \"client_name\": \"Managed\"}"));
        String clientId = (String) registered.get("client_id");
        String token = (String) registered.get("registration_access_token");
        Map<String, Object> admin = TestServer.json(http.admin("GET", "/api/admin/default/clients/" + clientId, null,
                200));
        admin.put("client_name", "Renamed by an administrator");
        http.admin("PUT", "/api/admin/default/clients/" + clientId, dev.latchkey.support.Json.write(admin), 200);
        Map<String, Object> read = TestServer.json(http.read("dcr", clientId, token));
        assertThat(read).containsEntry("client_name", "Renamed by an administrator")
                .containsEntry("dynamically_registered", true);

        http.admin("DELETE", "/api/admin/default/clients/" + clientId, null, 204);
        error(http.read("dcr", clientId, token), 401, "invalid_token");
    }

    static long count(String sql) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
