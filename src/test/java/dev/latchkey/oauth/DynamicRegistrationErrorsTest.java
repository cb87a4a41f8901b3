package dev.latchkey.oauth;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static dev.latchkey.oauth.DynamicRegistrationTestHttp.auth;
import static dev.latchkey.oauth.DynamicRegistrationTestHttp.error;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What dynamic client registration refuses, each with its RFC 6749-style error and nothing stored: a workspace
 * without registration (404), the management workspaces whatever their settings, a missing, invalid, foreign or
 * already used initial access token (401) or one without {@code dcr_register} (403), bad client metadata (400
 * {@code invalid_redirect_uri} / {@code invalid_client_metadata}), a body that is not JSON (400 {@code
 * invalid_request}), and a wrong, foreign or expired registration access token (401 {@code invalid_token}).
 */
class DynamicRegistrationErrorsTest {

    static TestServer server;
    static DynamicRegistrationTestHttp http;
    static final String OPEN = "{\"enabled\":true}";
    static final String CLIENT = "{\"client_name\":\"c\",\"grant_types\":[\"client_credentials\"]}";

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new DynamicRegistrationTestHttp(server);
        http.workspace("open", OPEN);
        http.workspace("closed", "{\"enabled\":false}");
        http.workspace("gated", "{\"enabled\":true,\"initial_access_token\":{\"required\":true}}");
        http.workspace("short", "{\"enabled\":true,\"registration_access_token_ttl\":\"24h0m0s\","
                + "\"disable_registration_token_rotation\":true,\"default_scopes\":[\"email\",\"nope\"]}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aWorkspaceWithoutRegistrationHasNoRegistrationEndpoint() {
        long before = clients();
        error(http.register("closed", CLIENT), 404, "not_found");
        error(http.register("default", CLIENT), 404, "not_found");
        error(http.read("closed", "anything", "token"), 404, "not_found");
        error(http.register("no-such-workspace", CLIENT), 404, "not_found");
        http.settings("admin", OPEN); // the management workspaces never: their clients could call the Admin API
        error(http.register("admin", CLIENT), 404, "not_found");
        assertThat(TestServer.json(server.get("/default/admin/.well-known/openid-configuration")))
                .doesNotContainKey("registration_endpoint");
        assertThat(clients()).isEqualTo(before);
    }

    @Test
    void aRequiredInitialAccessTokenIsCheckedAndUsedOnce() {
        long before = registrations();
        HttpResponse<String> missing = http.register("gated", CLIENT);
        error(missing, 401, "invalid_token");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        error(http.register("gated", CLIENT, auth("not-a-token")), 401, "invalid_token");
        error(http.register("gated", CLIENT, auth(http.initialAccessToken("open", "iat-open"))), 401,
                "invalid_token"); // another workspace's token
        error(http.register("gated", CLIENT, auth(server.adminToken())), 401, "invalid_token");
        String withoutScope = server.token("/default/gated/oauth2/token", "iat-gated-plain",
                plainClient("gated", "iat-gated-plain"), "openid");
        error(http.register("gated", CLIENT, auth(withoutScope)), 403, "insufficient_scope");
        assertThat(registrations()).isEqualTo(before);

        String initial = http.initialAccessToken("gated", "iat-gated");
        error(http.register("gated", "{\"grant_types\":[\"nope\"]}", auth(initial)), 400, "invalid_client_metadata");
        HttpResponse<String> registered = http.register("gated", CLIENT, auth(initial));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        error(http.register("gated", CLIENT, auth(initial)), 401, "invalid_token"); // single use
        String expired = http.initialAccessToken("gated", "iat-gated");
        server.clock.advance(Duration.ofHours(2));
        error(http.register("gated", CLIENT, auth(expired)), 401, "invalid_token");
        assertThat(registrations()).isEqualTo(before + 1);
    }

    @Test
    void anOpaqueInitialAccessTokenIsUsedOnceToo() {
        http.workspace("gated-opaque", "{\"enabled\":true,\"initial_access_token\":{\"required\":true}}");
        Map<String, Object> ws = TestServer.json(http.admin("GET", "/api/admin/default/servers/gated-opaque", null,
                200));
        ws.put("access_token_strategy", "opaque");
        http.admin("PUT", "/api/admin/default/servers/gated-opaque", dev.latchkey.support.Json.write(ws), 200);
        String initial = http.initialAccessToken("gated-opaque", "iat-opaque");
        assertThat(initial).doesNotContain(".");
        assertThat(http.register("gated-opaque", CLIENT, auth(initial)).statusCode()).isEqualTo(201);
        error(http.register("gated-opaque", CLIENT, auth(initial)), 401, "invalid_token");
    }

    @Test
    void badClientMetadataIsRefusedWithTheErrorsOfRfc7591() {
        long before = clients();
        String[][] cases = {
            {"{\"redirect_uris\":[\"http://app.example.com/cb\"]}", "invalid_redirect_uri"},
            {"{\"redirect_uris\":[\"https://app.example.com/cb#frag\"]}", "invalid_redirect_uri"},
            {"{\"redirect_uris\":[\"com.example.app:/cb\"]}", "invalid_redirect_uri"}, // private-use: native only
            {"{\"redirect_uris\":[\"javascript:alert(1)\"],\"application_type\":\"native\"}", "invalid_redirect_uri"},
            {"{\"redirect_uris\":\"https://app.example.com/cb\",\"grant_types\":[\"client_credentials\"],"
                + "\"response_types\":[\"id_token\"]}", "invalid_client_metadata"}, // id_token needs implicit
            {"{\"redirect_uris\":[42]}", "invalid_redirect_uri"},
            {"{\"client_name\":\"no redirect\"}", "invalid_redirect_uri"}, // authorization_code by default
            {"{\"grant_types\":[\"urn:example:unknown\"]}", "invalid_client_metadata"},
            {"{\"grant_types\":\"client_credentials\"}", "invalid_client_metadata"},
            {"{\"grant_types\":[\"client_credentials\"],\"response_types\":[\"code\"]}", "invalid_client_metadata"},
            {"{\"grant_types\":[\"client_credentials\"],\"response_types\":[\"bogus\"]}", "invalid_client_metadata"},
            {"{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"magic\"}",
                "invalid_client_metadata"},
            {"{\"grant_types\":[\"client_credentials\"],\"scopes\":[\"no_such_scope\"]}", "invalid_client_metadata"},
            {"{\"grant_types\":[\"client_credentials\"],\"client_name\":\"a\\u0000b\"}", "invalid_client_metadata"},
            {"{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}",
                "invalid_client_metadata"},
            {"{\"grant_types\":[\"client_credentials\"],\"jwks_uri\":\"https://k.example.com\",\"jwks\":{\"keys\":"
                + "[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":\"b\"}]}}", "invalid_client_metadata"},
            {"{\"grant_types\":[\"client_credentials\"],\"jwks\":{\"keys\":[{\"kty\":\"oct\",\"k\":\"secret\"}]}}",
                "invalid_client_metadata"},
        };
        for (String[] c : cases) {
            Map<String, Object> body = error(http.register("open", c[0]), 400, c[1]);
            assertThat(body).as(c[0]).containsKey("error_description");
        }
        error(http.register("open", "{\"oops"), 400, "invalid_request");
        error(http.register("open", "[1,2]"), 400, "invalid_request");
        error(http.register("open", ""), 400, "invalid_request");
        error(http.register("open", CLIENT, "Content-Type", "application/x-www-form-urlencoded"), 400,
                "invalid_request");
        error(http.register("open", CLIENT, "Content-Type", "text/plain"), 400, "invalid_request");
        assertThat(clients()).isEqualTo(before);
    }

    @Test
    void anAuthMethodTheWorkspaceDoesNotAllowIsInvalidMetadata() {
        http.workspace("strict", "{\"enabled\":true}");
        Map<String, Object> ws = TestServer.json(http.admin("GET", "/api/admin/default/servers/strict", null, 200));
        ws.put("token_endpoint_authn_methods", java.util.List.of("client_secret_basic"));
        ws.put("token_endpoint_auth_methods", java.util.List.of("client_secret_basic"));
        http.admin("PUT", "/api/admin/default/servers/strict", dev.latchkey.support.Json.write(ws), 200);
        error(http.register("strict", "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":"
                + "\"client_secret_post\"}"), 400, "invalid_client_metadata");
        assertThat(http.register("strict", CLIENT).statusCode()).isEqualTo(201);
    }

    @Test
    void registrationAccessTokensAreBoundToTheirClientAndExpire() {
        Map<String, Object> first = TestServer.json(http.register("short", CLIENT));
        Map<String, Object> second = TestServer.json(http.register("short", CLIENT));
        assertThat(first).containsEntry("registration_access_token_expires_in", 24 * 3600)
                .containsEntry("scopes", java.util.List.of("email"));
        String id = (String) first.get("client_id");
        String token = (String) first.get("registration_access_token");
        String otherToken = (String) second.get("registration_access_token");

        HttpResponse<String> none = http.read("short", id, null);
        error(none, 401, "invalid_token");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        error(http.read("short", id, token + "x"), 401, "invalid_token");
        error(http.read("short", id, otherToken), 401, "invalid_token");
        error(http.read("open", id, token), 401, "invalid_token");
        error(http.read("short", "no-such-client", token), 401, "invalid_token");
        error(http.delete("short", id, otherToken), 401, "invalid_token");
        error(http.update("short", id, otherToken, "{oops"), 401, "invalid_token");

        String put = "{\"client_id\":\"%s\",\"grant_types\":[\"client_credentials\"]%s}";
        error(http.update("short", id, token, put.formatted("someone-else", "")), 400, "invalid_client_metadata");
        error(http.update("short", id, token, "{\"grant_types\":[\"client_credentials\"]}"), 400,
                "invalid_client_metadata");
        error(http.update("short", id, token, put.formatted(id, ",\"client_secret\":\"wrong\"")), 400,
                "invalid_client_metadata");
        error(http.update("short", id, token, put.formatted(id, ",\"redirect_uris\":[\"ftp:x\"]")), 400,
                "invalid_redirect_uri");
        error(http.update("short", id, token, "{oops"), 400, "invalid_request");
        HttpResponse<String> kept = http.update("short", id, token, put.formatted(id, ",\"client_name\":\"k\""));
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
        assertThat(TestServer.json(kept)).containsEntry("registration_access_token", token); // rotation disabled

        server.clock.advance(Duration.ofHours(24));
        error(http.read("short", id, token), 401, "invalid_token");
        assertThat(http.read("short", (String) second.get("client_id"), otherToken).statusCode()).isEqualTo(401);
    }

    private static String plainClient(String workspace, String clientId) {
        String secret = DynamicRegistrationTestHttp.secretOf(clientId);
        http.admin("POST", "/api/admin/default/clients", "{\"tenant_id\":\"default\",\"authorization_server_id\":\""
                + workspace + "\",\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secret
                + "\",\"grant_types\":[\"client_credentials\"],\"scopes\":[\"openid\"]}", 201);
        return secret;
    }

    private static long clients() {
        return count("SELECT COUNT(*) FROM clients");
    }

    private static long registrations() {
        return count("SELECT COUNT(*) FROM client_registrations");
    }

    private static long count(String sql) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
