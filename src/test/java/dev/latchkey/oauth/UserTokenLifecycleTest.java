package dev.latchkey.oauth;

import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.oauth.UserGrantFixture.TestClient;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.OAuthFixtures.enc;
import static dev.latchkey.oauth.UserGrantFixture.CHALLENGE;
import static dev.latchkey.oauth.UserGrantFixture.VERIFIER;
import static dev.latchkey.oauth.UserGrantFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Introspection, userinfo and revocation of the tokens the token endpoint really issues (authorization code
 * exchange, then refresh), for a pairwise client: the access token, the refresh token, the ID token and
 * userinfo all name the same subject; revoking the refresh token ends them all.
 */
class UserTokenLifecycleTest {

    static final String WS = "lifecycle";
    static final String CALLBACK = "https://rp.example.com/callback";

    static TestServer server;
    static UserGrantFixture fx;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        fx = new UserGrantFixture(server);
        fx.createWorkspace(WS, "jwt", List.of("public", "pairwise"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, Object> call(String endpoint, TestClient client, String token) {
        HttpResponse<String> response = server.postForm("/default/" + WS + "/oauth2/" + endpoint,
                "token=" + enc(token) + "&client_id=" + client.id() + "&client_secret=" + enc(client.secret()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return endpoint.equals("revoke") ? Map.of() : TestServer.json(response);
    }

    @Test
    void theIssuedTokensAgreeOnTheSubjectAndEndTogether() throws Exception {
        TestClient client = fx.createClient(WS, List.of("authorization_code", "refresh_token"), List.of(CALLBACK),
                Map.of("scopes", List.of("openid", "email", "offline_access"), "subject_type", "pairwise"));
        var grant = fx.grant(WS, client, List.of("openid", "email", "offline_access"));
        Map<String, Object> tokens = ok(fx.exchange(WS, client, fx.code(grant, CALLBACK, CHALLENGE, "S256", "n-1"),
                CALLBACK, VERIFIER));
        String accessToken = (String) tokens.get("access_token");
        String refreshToken = (String) tokens.get("refresh_token");
        String subject = SignedJWT.parse((String) tokens.get("id_token")).getJWTClaimsSet().getSubject();
        assertThat(subject).isNotEqualTo(UserGrantFixture.USER);

        Map<String, Object> access = call("introspect", client, accessToken);
        assertThat(access).containsEntry("active", true).containsEntry("sub", subject)
                .containsEntry("client_id", client.id()).containsEntry("token_type", "access_token")
                .containsEntry("idp", "static-idp").containsEntry("amr", List.of("pwd"))
                .containsEntry("acr", "urn:latchkey:acr:password");
        Map<String, Object> refresh = call("introspect", client, refreshToken);
        assertThat(refresh).containsEntry("active", true).containsEntry("sub", subject)
                .containsEntry("token_type", "refresh_token").containsEntry("client_id", client.id());
        HttpResponse<String> userinfo = server.get("/default/" + WS + "/userinfo", "Authorization",
                "Bearer " + accessToken);
        assertThat(TestServer.json(userinfo)).isEqualTo(Map.of("sub", subject, "email", "jane@example.com",
                "email_verified", true));

        // a refresh rotates: the old refresh token is no longer active, the new one is
        Map<String, Object> refreshed = ok(fx.refresh(WS, client, refreshToken));
        assertThat(call("introspect", client, refreshToken)).isEqualTo(Map.of("active", false));
        String newRefreshToken = (String) refreshed.get("refresh_token");
        String newAccessToken = (String) refreshed.get("access_token");
        assertThat(call("introspect", client, newRefreshToken)).containsEntry("active", true);

        call("revoke", client, newRefreshToken);

        for (String token : List.of(accessToken, newAccessToken, newRefreshToken)) {
            assertThat(call("introspect", client, token)).isEqualTo(Map.of("active", false));
        }
        assertThat(server.get("/default/" + WS + "/userinfo", "Authorization", "Bearer " + newAccessToken)
                .statusCode()).isEqualTo(401);
        UserGrantFixture.error(fx.refresh(WS, client, newRefreshToken), 400, "invalid_grant");
    }
}
