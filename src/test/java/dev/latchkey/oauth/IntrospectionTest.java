package dev.latchkey.oauth;

import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.latchkey.oauth.OAuthFixtures.RegisteredClient;
import dev.latchkey.oauth.OAuthFixtures.UserGrant;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.OAuthFixtures.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /{tid}/{aid}/oauth2/introspect} (RFC 7662): what an active access token (JWT, opaque, a
 * user's) and refresh token say, who may see them ({@code introspect_tokens}), and that everything else
 * (expired, revoked, rotated, of another workspace or client, unknown) is {@code {"active": false}} alone.
 */
class IntrospectionTest {

    static TestServer server;
    static OAuthFixtures fixtures;
    static RegisteredClient alice;
    static RegisteredClient bob;
    static RegisteredClient resourceServer;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        fixtures = new OAuthFixtures(server);
        alice = fixtures.client("default", "email", "openid", "profile");
        bob = fixtures.client("default", "email");
        resourceServer = fixtures.client("default", "introspect_tokens");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> introspect(RegisteredClient caller, String token) {
        return fixtures.post("default", "introspect", caller, "token=" + enc(token));
    }

    static Map<String, Object> introspected(RegisteredClient caller, String token) {
        HttpResponse<String> response = introspect(caller, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        return TestServer.json(response);
    }

    static void assertInactive(Map<String, Object> body) {
        assertThat(body).isEqualTo(Map.of("active", false));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClientCredentialsJwtIsActiveWithItsFields() throws Exception {
        String token = fixtures.clientToken("default", alice, "email");

        HttpResponse<String> response = introspect(alice, token);
        Map<String, Object> body = introspected(alice, token);

        String issuer = server.baseUrl() + "/default/default";
        assertThat(body).containsEntry("active", true).containsEntry("sub", alice.id())
                .containsEntry("client_id", alice.id()).containsEntry("scope", "email")
                .containsEntry("iss", issuer).containsEntry("token_type", "access_token")
                .containsEntry("tenant_id", "default").containsEntry("server_id", "default")
                .doesNotContainKeys("idp", "amr");
        assertThat((List<Object>) body.get("aud")).contains(alice.id());
        long iat = ((Number) body.get("iat")).longValue();
        assertThat(((Number) body.get("exp")).longValue()).isEqualTo(iat + 3600);
        assertThat(((Number) body.get("nbf")).longValue()).isEqualTo(iat);
        assertThat(body.get("jti")).asString().hasSize(36);

        var parsed = TokenIntrospectionResponse.parse(new HTTPResponse(200) {{
            setContentType("application/json");
            setContent(response.body());
        }});
        assertThat(parsed.indicatesSuccess()).isTrue();
        var success = parsed.toSuccessResponse();
        assertThat(success.isActive()).isTrue();
        assertThat(success.getClientID().getValue()).isEqualTo(alice.id());
        assertThat(success.getScope().toStringList()).containsExactly("email");
        assertThat(success.getIssuer().getValue()).isEqualTo(issuer);
    }

    @Test
    void anOpaqueTokenIsActiveUntilItExpires() {
        fixtures.workspace("intro-opaque", "opaque");
        RegisteredClient client = fixtures.client("intro-opaque", "email");
        String token = fixtures.clientToken("intro-opaque", client, null);
        assertThat(token).doesNotContain(".");

        HttpResponse<String> response = fixtures.post("intro-opaque", "introspect", client, "token=" + enc(token));
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsEntry("active", true).containsEntry("sub", client.id())
                .containsEntry("client_id", client.id()).containsEntry("scope", "email")
                .containsEntry("server_id", "intro-opaque").containsEntry("token_type", "access_token")
                .doesNotContainKey("jti");
        assertThat(((Number) body.get("exp")).longValue() - ((Number) body.get("iat")).longValue()).isEqualTo(3600);
        assertInactive(introspected(alice, token));

        server.clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertInactive(TestServer.json(fixtures.post("intro-opaque", "introspect", client, "token=" + enc(token))));
    }

    @Test
    void anExpiredJwtIsInactive() {
        String token = fixtures.clientToken("default", alice, null);
        assertThat(introspected(alice, token)).containsEntry("active", true);

        server.clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertInactive(introspected(alice, token));
    }

    @Test
    void aRevokedJwtIsInactive() {
        String token = fixtures.clientToken("default", alice, null);

        assertThat(fixtures.post("default", "revoke", alice, "token=" + enc(token)).statusCode()).isEqualTo(200);

        assertInactive(introspected(alice, token));
        assertInactive(introspected(resourceServer, token));
    }

    @Test
    void aTokenOfAnotherWorkspaceIsInactiveEvenWithIntrospectTokens() {
        String adminToken = server.adminToken();

        assertInactive(introspected(resourceServer, adminToken));
        HttpResponse<String> atAdmin = server.postForm("/default/admin/oauth2/introspect",
                "token=" + enc(adminToken), "Authorization",
                OAuthFixtures.basic(TestServer.ADMIN_CLIENT_ID, TestServer.ADMIN_CLIENT_SECRET));
        assertThat(TestServer.json(atAdmin)).containsEntry("active", true).containsEntry("server_id", "admin");
        HttpResponse<String> aliceTokenAtAdmin = server.postForm("/default/admin/oauth2/introspect",
                "token=" + enc(fixtures.clientToken("default", alice, null)), "Authorization",
                OAuthFixtures.basic(TestServer.ADMIN_CLIENT_ID, TestServer.ADMIN_CLIENT_SECRET));
        assertInactive(TestServer.json(aliceTokenAtAdmin));
    }

    @Test
    void anotherClientsTokenIsInactiveWithoutIntrospectTokensAndActiveWithIt() {
        String token = fixtures.clientToken("default", alice, "email");

        assertInactive(introspected(bob, token));
        assertThat(introspected(resourceServer, token)).containsEntry("active", true)
                .containsEntry("client_id", alice.id()).containsEntry("sub", alice.id());
    }

    @Test
    void aUsersAccessTokenTellsTheAuthenticationOfItsGrant() {
        UserGrant grant = fixtures.grant("default", alice, "user-1", List.of("openid", "email"),
                Map.of("email", "u@example.com"));
        String token = fixtures.userToken(grant, List.of("openid", "email"));

        assertThat(introspected(alice, token)).containsEntry("active", true).containsEntry("sub", "user-1")
                .containsEntry("client_id", alice.id()).containsEntry("scope", "openid email")
                .containsEntry("idp", "static-idp").containsEntry("amr", List.of("pwd")).containsEntry("acr", "1");
        assertInactive(introspected(bob, token));
    }

    @Test
    void aRefreshTokenIsActiveWhileUnusedUnexpiredAndItsGrantActive() {
        UserGrant grant = fixtures.grant("default", alice, "user-2", List.of("openid", "offline_access"), Map.of());

        for (String hint : new String[] {"", "&token_type_hint=refresh_token", "&token_type_hint=access_token",
                "&token_type_hint=something_else"}) {
            HttpResponse<String> response = fixtures.post("default", "introspect", alice,
                    "token=" + enc(grant.refreshToken()) + hint);
            Map<String, Object> body = TestServer.json(response);
            assertThat(body).as(hint).containsEntry("active", true).containsEntry("token_type", "refresh_token")
                    .containsEntry("sub", "user-2").containsEntry("client_id", alice.id())
                    .containsEntry("scope", "openid offline_access").containsEntry("idp", "static-idp")
                    .containsEntry("amr", List.of("pwd")).containsEntry("iss", server.baseUrl() + "/default/default")
                    .containsEntry("tenant_id", "default").containsEntry("server_id", "default");
            long iat = ((Number) body.get("iat")).longValue();
            assertThat(((Number) body.get("exp")).longValue()).isEqualTo(iat + Duration.ofDays(30).toSeconds());
        }
        assertInactive(introspected(bob, grant.refreshToken()));
        assertThat(introspected(resourceServer, grant.refreshToken())).containsEntry("active", true);

        // rotated (used once) → inactive
        new dev.latchkey.grant.JdbiRefreshTokenRepository(server.server().database().jdbi())
                .use(dev.latchkey.support.TokenHashes.hash(grant.refreshToken()), server.clock.instant());
        assertInactive(introspected(alice, grant.refreshToken()));

        // another refresh token of the grant, then the grant revoked → inactive
        String second = fixtures.refreshToken(grant);
        assertThat(introspected(alice, second)).containsEntry("active", true);
        new dev.latchkey.grant.JdbiGrantRepository(server.server().database().jdbi())
                .revoke(grant.grant().grantId(), server.clock.instant());
        assertInactive(introspected(alice, second));
    }

    @Test
    void anExpiredRefreshTokenIsInactive() {
        UserGrant grant = fixtures.grant("default", alice, "user-3", List.of("openid"), Map.of());
        assertThat(introspected(alice, grant.refreshToken())).containsEntry("active", true);

        server.clock.advance(Duration.ofDays(31));

        assertInactive(introspected(alice, grant.refreshToken()));
    }

    @Test
    void aBearerTokenOfTheWorkspaceMayStandForClientAuthentication() {
        String aliceToken = fixtures.clientToken("default", alice, "email");
        String bobToken = fixtures.clientToken("default", bob, null);
        String rsToken = fixtures.clientToken("default", resourceServer, "introspect_tokens");

        HttpResponse<String> own = server.postForm("/default/default/oauth2/introspect", "token=" + enc(aliceToken),
                "Authorization", "Bearer " + aliceToken);
        assertThat(TestServer.json(own)).containsEntry("active", true);
        HttpResponse<String> others = server.postForm("/default/default/oauth2/introspect", "token=" + enc(bobToken),
                "Authorization", "Bearer " + aliceToken);
        assertInactive(TestServer.json(others));
        HttpResponse<String> any = server.postForm("/default/default/oauth2/introspect", "token=" + enc(bobToken),
                "Authorization", "Bearer " + rsToken);
        assertThat(TestServer.json(any)).containsEntry("active", true).containsEntry("client_id", bob.id());

        HttpResponse<String> foreign = server.postForm("/default/default/oauth2/introspect",
                "token=" + enc(bobToken), "Authorization", "Bearer " + server.adminToken());
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(foreign)).containsEntry("error", "invalid_token");
        assertThat(foreign.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Bearer").contains("error=\"invalid_token\""));
        HttpResponse<String> twoMethods = server.postForm("/default/default/oauth2/introspect",
                "token=" + enc(bobToken) + "&client_id=" + alice.id() + "&client_secret=" + enc(alice.secret()),
                "Authorization", "Bearer " + aliceToken);
        assertThat(TestServer.json(twoMethods)).containsEntry("error", "invalid_request");
    }

    @Test
    void unknownAndMalformedTokensAreInactive() {
        for (String token : new String[] {"x", "not-a-token", "a.b.c", "eyJhbGciOiJub25lIn0.e30.",
                "A".repeat(43), "B".repeat(5000)}) {
            assertInactive(introspected(alice, token));
        }
    }

    @Test
    void badRequestsAreOAuthErrors() {
        String token = fixtures.clientToken("default", alice, null);
        String path = "/default/default/oauth2/introspect";

        assertError(server.postForm(path, "token=" + enc(token)), 401, "invalid_client");
        assertError(fixtures.post("default", "introspect", new RegisteredClient(alice.id(), "wrong"),
                "token=" + enc(token)), 401, "invalid_client");
        assertError(server.postForm(path, "token=" + enc(token) + "&client_id=" + alice.id()
                + "&client_secret=wrong"), 401, "invalid_client");
        assertError(fixtures.post("default", "introspect", alice, ""), 400, "invalid_request");
        assertError(fixtures.post("default", "introspect", alice, "token_type_hint=access_token"), 400,
                "invalid_request");
        assertError(fixtures.post("default", "introspect", alice, "token=a&token=b"), 400, "invalid_request");
        assertError(server.postForm(path, "{\"token\":\"x\"}", "Content-Type", "application/json",
                "Authorization", OAuthFixtures.basic(alice.id(), alice.secret())), 400, "invalid_request");
        assertError(server.postForm("/default/nowhere/oauth2/introspect", "token=x", "Authorization",
                OAuthFixtures.basic(alice.id(), alice.secret())), 404, "not_found");
        assertError(server.get(path, "Authorization", OAuthFixtures.basic(alice.id(), alice.secret())), 404,
                "not_found");
        // a client of another workspace does not authenticate here
        assertError(server.postForm(path, "token=" + enc(token), "Authorization",
                OAuthFixtures.basic(TestServer.ADMIN_CLIENT_ID, TestServer.ADMIN_CLIENT_SECRET)), 401,
                "invalid_client");
    }

    static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestServer.json(response)).containsEntry("error", error).containsKey("error_description")
                .doesNotContainKey("active");
    }
}
