package dev.latchkey.oauth;

import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import dev.latchkey.oauth.OAuthFixtures.RegisteredClient;
import dev.latchkey.oauth.OAuthFixtures.UserGrant;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.OAuthFixtures.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /{tid}/{aid}/oauth2/revoke} (RFC 7009): access tokens (JWT, opaque) revoke themselves, a
 * refresh token revokes its grant and every token issued under it; a client revokes its own tokens, with
 * {@code revoke_tokens} any of its workspace; whatever the token, the answer is 200 with an empty body.
 */
class RevocationTest {

    static TestServer server;
    static OAuthFixtures fixtures;
    static RegisteredClient alice;
    static RegisteredClient bob;
    static RegisteredClient revoker;
    static RegisteredClient auditor;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        fixtures = new OAuthFixtures(server);
        alice = fixtures.client("default", "email", "openid", "offline_access");
        bob = fixtures.client("default", "email");
        revoker = fixtures.client("default", "revoke_tokens");
        auditor = fixtures.client("default", "introspect_tokens");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> revoke(RegisteredClient caller, String form) {
        return fixtures.post("default", "revoke", caller, form);
    }

    static void assertRevokeAnswered(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    /** True when the token is active, as the workspace's auditor (introspect_tokens) sees it. */
    static boolean active(String token) {
        return Boolean.TRUE.equals(TestServer.json(fixtures.post("default", "introspect", auditor,
                "token=" + enc(token))).get("active"));
    }

    @Test
    void aClientRevokesItsJwtAccessToken() throws Exception {
        String token = fixtures.clientToken("default", alice, null);
        String other = fixtures.clientToken("default", alice, null);
        assertThat(active(token)).isTrue();

        var request = new TokenRevocationRequest(server.uri("/default/default/oauth2/revoke"),
                new ClientSecretBasic(new ClientID(alice.id()), new Secret(alice.secret())),
                new BearerAccessToken(token));
        var response = request.toHTTPRequest().send();

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(active(token)).isFalse();
        assertThat(active(other)).as("only the token given").isTrue();
        assertRevokeAnswered(revoke(alice, "token=" + enc(token)));
    }

    @Test
    void aRevokedAdminTokenIsRefusedByTheAdminApi() {
        String token = server.adminToken();
        assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(200);

        HttpResponse<String> response = server.postForm("/default/admin/oauth2/revoke", "token=" + enc(token)
                + "&token_type_hint=access_token", "Authorization",
                OAuthFixtures.basic(TestServer.ADMIN_CLIENT_ID, TestServer.ADMIN_CLIENT_SECRET));

        assertRevokeAnswered(response);
        assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(401);
        assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + server.adminToken())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void anOpaqueAccessTokenIsDeleted() {
        fixtures.workspace("revoke-opaque", "opaque");
        RegisteredClient client = fixtures.client("revoke-opaque", "email");
        String token = fixtures.clientToken("revoke-opaque", client, null);
        String introspect = "token=" + enc(token);
        assertThat(TestServer.json(fixtures.post("revoke-opaque", "introspect", client, introspect)))
                .containsEntry("active", true);

        assertRevokeAnswered(fixtures.post("revoke-opaque", "revoke", client, "token=" + enc(token)));

        assertThat(TestServer.json(fixtures.post("revoke-opaque", "introspect", client, introspect)))
                .isEqualTo(Map.of("active", false));
        long stored = server.server().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM opaque_tokens WHERE workspace_id = 'revoke-opaque'").mapTo(Long.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void aRefreshTokenRevokesItsGrantWithEveryTokenIssuedUnderIt() {
        UserGrant grant = fixtures.grant("default", alice, "user-1", List.of("openid", "offline_access"), Map.of());
        String accessToken = fixtures.userToken(grant, List.of("openid"));
        String secondAccessToken = fixtures.userToken(grant, List.of("openid"));
        String secondRefreshToken = fixtures.refreshToken(grant);
        UserGrant otherGrant = fixtures.grant("default", alice, "user-1", List.of("openid"), Map.of());
        String otherAccessToken = fixtures.userToken(otherGrant, List.of("openid"));
        assertThat(List.of(grant.refreshToken(), accessToken, secondAccessToken, secondRefreshToken))
                .allMatch(RevocationTest::active);

        assertRevokeAnswered(revoke(alice, "token=" + enc(grant.refreshToken()) + "&token_type_hint=refresh_token"));

        assertThat(List.of(grant.refreshToken(), accessToken, secondAccessToken, secondRefreshToken))
                .noneMatch(RevocationTest::active);
        assertThat(List.of(otherGrant.refreshToken(), otherAccessToken)).allMatch(RevocationTest::active);
        var stillThere = new dev.latchkey.grant.JdbiGrantRepository(server.server().database().jdbi())
                .findActive(grant.grant().grantId(), server.clock.instant());
        assertThat(stillThere).as("the grant is revoked").isEmpty();
    }

    @Test
    void anAccessTokenOfAGrantRevokesOnlyItself() {
        UserGrant grant = fixtures.grant("default", alice, "user-2", List.of("openid"), Map.of());
        String accessToken = fixtures.userToken(grant, List.of("openid"));
        String sibling = fixtures.userToken(grant, List.of("openid"));

        // a wrong hint only changes the order of the search
        assertRevokeAnswered(revoke(alice, "token=" + enc(accessToken) + "&token_type_hint=refresh_token"));

        assertThat(active(accessToken)).isFalse();
        assertThat(active(sibling)).isTrue();
        assertThat(active(grant.refreshToken())).isTrue();
    }

    @Test
    void anotherClientsTokenIsLeftAloneWithoutRevokeTokensAndRevokedWithIt() {
        String token = fixtures.clientToken("default", alice, null);
        UserGrant grant = fixtures.grant("default", alice, "user-3", List.of("openid"), Map.of());

        assertRevokeAnswered(revoke(bob, "token=" + enc(token)));
        assertRevokeAnswered(revoke(bob, "token=" + enc(grant.refreshToken())));
        assertRevokeAnswered(revoke(auditor, "token=" + enc(token)));
        assertThat(active(token)).isTrue();
        assertThat(active(grant.refreshToken())).isTrue();

        assertRevokeAnswered(revoke(revoker, "token=" + enc(token)));
        assertRevokeAnswered(revoke(revoker, "token=" + enc(grant.refreshToken())));
        assertThat(active(token)).isFalse();
        assertThat(active(grant.refreshToken())).isFalse();
    }

    @Test
    void aTokenOfAnotherWorkspaceIsLeftAlone() {
        String adminToken = server.adminToken();

        assertRevokeAnswered(revoke(revoker, "token=" + enc(adminToken)));

        assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + adminToken).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBearerTokenMayStandForClientAuthentication() {
        String token = fixtures.clientToken("default", alice, null);
        String bobToken = fixtures.clientToken("default", bob, null);

        assertRevokeAnswered(server.postForm("/default/default/oauth2/revoke", "token=" + enc(bobToken),
                "Authorization", "Bearer " + token));
        assertThat(active(bobToken)).isTrue();
        assertRevokeAnswered(server.postForm("/default/default/oauth2/revoke", "token=" + enc(token),
                "Authorization", "Bearer " + token));
        assertThat(active(token)).isFalse();
    }

    @Test
    void unknownTokensAre200AndBadRequestsAreOAuthErrors() {
        for (String token : new String[] {"x", "unknown-token", "a.b.c", "C".repeat(43), "D".repeat(4000)}) {
            assertRevokeAnswered(revoke(alice, "token=" + enc(token)));
        }
        String token = fixtures.clientToken("default", alice, null);
        String path = "/default/default/oauth2/revoke";

        IntrospectionTest.assertError(revoke(alice, ""), 400, "invalid_request");
        IntrospectionTest.assertError(revoke(alice, "token_type_hint=refresh_token"), 400, "invalid_request");
        IntrospectionTest.assertError(revoke(alice, "token=a&token=b"), 400, "invalid_request");
        IntrospectionTest.assertError(server.postForm(path, "token=" + enc(token)), 401, "invalid_client");
        IntrospectionTest.assertError(revoke(new RegisteredClient(alice.id(), "wrong"), "token=" + enc(token)), 401,
                "invalid_client");
        IntrospectionTest.assertError(server.postForm(path, "token=" + enc(token), "Content-Type", "text/plain",
                "Authorization", OAuthFixtures.basic(alice.id(), alice.secret())), 400, "invalid_request");
        IntrospectionTest.assertError(server.postForm(path, "token=" + enc(token), "Authorization",
                "Bearer not-a-token"), 401, "invalid_token");
        assertThat(active(token)).as("nothing revoked by the failed requests").isTrue();
    }
}
