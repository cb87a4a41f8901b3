package dev.latchkey.oauth;

import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import dev.latchkey.oauth.OAuthFixtures.RegisteredClient;
import dev.latchkey.oauth.OAuthFixtures.UserGrant;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.OAuthFixtures.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET|POST /{tid}/{aid}/userinfo} (OIDC Core §5.3, RFC 6750): a user's token with {@code openid}
 * gets {@code sub} and the claims its scopes release, from the header or the form; everything else is an
 * RFC 6750 error with its {@code WWW-Authenticate: Bearer} challenge.
 */
class UserInfoTest {

    static final String USERINFO = "/default/default/userinfo";
    static final Map<String, Object> CLAIMS = claims();

    static TestServer server;
    static OAuthFixtures fixtures;
    static RegisteredClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        fixtures = new OAuthFixtures(server);
        client = fixtures.client("default", "openid", "profile", "email", "phone");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", "Ada Lovelace");
        claims.put("given_name", "Ada");
        claims.put("email", "ada@example.com");
        claims.put("email_verified", true);
        claims.put("phone_number", "+44 20 7946 0000");
        claims.put("address", Map.of("country", "UK"));
        claims.put("groups", List.of("admins"));
        return claims;
    }

    static String userToken(List<String> scopes) {
        UserGrant grant = fixtures.grant("default", client, "ada", List.of("openid", "profile", "email", "phone"),
                CLAIMS);
        return fixtures.userToken(grant, scopes);
    }

    static void assertBearerError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(TestServer.json(response)).containsEntry("error", error);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).startsWith("Bearer ").contains("error=\"" + error + "\""));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aUsersTokenGetsItsSubjectAndTheClaimsItsScopesRelease() {
        String token = userToken(List.of("openid", "profile", "email"));

        HttpResponse<String> response = server.get(USERINFO, "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(TestServer.json(response)).isEqualTo(Map.of("sub", "ada", "name", "Ada Lovelace",
                "given_name", "Ada", "email", "ada@example.com", "email_verified", true));
    }

    @Test
    void theTokensScopesDecideNotTheGrants() {
        String token = userToken(List.of("openid", "phone"));

        assertThat(TestServer.json(server.get(USERINFO, "Authorization", "Bearer " + token)))
                .isEqualTo(Map.of("sub", "ada", "phone_number", "+44 20 7946 0000"));
    }

    @Test
    void theTokenMayComeInAFormPost() {
        String token = userToken(List.of("openid", "email"));

        HttpResponse<String> form = server.postForm(USERINFO, "access_token=" + enc(token));
        HttpResponse<String> header = server.send(HttpRequest.newBuilder(server.uri(USERINFO))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token).build());

        for (HttpResponse<String> response : List.of(form, header)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(TestServer.json(response)).containsEntry("sub", "ada")
                    .containsEntry("email", "ada@example.com").doesNotContainKey("name");
        }
    }

    @Test
    void theNimbusClientReadsTheAnswer() throws Exception {
        String token = userToken(List.of("openid", "profile", "email"));

        var response = UserInfoResponse.parse(new UserInfoRequest(server.uri(USERINFO), new BearerAccessToken(token))
                .toHTTPRequest().send());

        assertThat(response.indicatesSuccess()).isTrue();
        var info = response.toSuccessResponse().getUserInfo();
        assertThat(info.getSubject().getValue()).isEqualTo("ada");
        assertThat(info.getEmailAddress()).isEqualTo("ada@example.com");
        assertThat(info.getName()).isEqualTo("Ada Lovelace");
    }

    @Test
    void noTokenIs401WithABareChallenge() {
        for (HttpResponse<String> response : List.of(server.get(USERINFO), server.postForm(USERINFO, ""),
                server.get(USERINFO, "Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((client.id() + ":" + client.secret()).getBytes())))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("Bearer").doesNotContain("error="));
        }
    }

    @Test
    void invalidExpiredAndForeignTokensAre401InvalidToken() {
        String token = userToken(List.of("openid"));
        assertBearerError(server.get(USERINFO, "Authorization", "Bearer not-a-token"), 401, "invalid_token");
        assertBearerError(server.get(USERINFO, "Authorization", "Bearer " + token.substring(0, token.length() - 4)
                + "AAAA"), 401, "invalid_token");
        assertBearerError(server.get("/default/admin/userinfo", "Authorization", "Bearer " + token), 401,
                "invalid_token");

        server.clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertBearerError(server.get(USERINFO, "Authorization", "Bearer " + token), 401, "invalid_token");
    }

    @Test
    void aTokenOfARevokedGrantIs401() {
        UserGrant grant = fixtures.grant("default", client, "ada", List.of("openid"), CLAIMS);
        String token = fixtures.userToken(grant, List.of("openid"));
        assertThat(server.get(USERINFO, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

        fixtures.post("default", "revoke", client, "token=" + enc(grant.refreshToken()));

        assertBearerError(server.get(USERINFO, "Authorization", "Bearer " + token), 401, "invalid_token");
    }

    @Test
    void aTokenWithoutOpenidIs403InsufficientScope() {
        String token = userToken(List.of("profile", "email"));

        HttpResponse<String> response = server.get(USERINFO, "Authorization", "Bearer " + token);

        assertBearerError(response, 403, "insufficient_scope");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                assertThat(v).contains("scope=\"openid\""));
    }

    @Test
    void aClientCredentialsTokenHasNoUserAndIs401() {
        String token = fixtures.clientToken("default", client, "openid email");

        assertBearerError(server.get(USERINFO, "Authorization", "Bearer " + token), 401, "invalid_token");
    }

    @Test
    void twoWaysOfSendingTheTokenAre400InvalidRequest() {
        String token = userToken(List.of("openid"));

        assertBearerError(server.postForm(USERINFO, "access_token=" + enc(token), "Authorization", "Bearer " + token),
                400, "invalid_request");
        assertBearerError(server.get(USERINFO, "Authorization", "Bearer "), 400, "invalid_request");
        assertBearerError(server.get(USERINFO, "Authorization", "Bearer a b"), 400, "invalid_request");
        HttpResponse<String> repeated = server.postForm(USERINFO, "access_token=a&access_token=b");
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(repeated)).containsEntry("error", "invalid_request");
    }
}
