package dev.latchkey.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.latchkey.grant.Grant;
import dev.latchkey.oauth.UserGrantFixture.TestClient;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.UserGrantFixture.CHALLENGE;
import static dev.latchkey.oauth.UserGrantFixture.USER;
import static dev.latchkey.oauth.UserGrantFixture.VERIFIER;
import static dev.latchkey.oauth.UserGrantFixture.error;
import static dev.latchkey.oauth.UserGrantFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization code grant at the token endpoint (RFC 6749 §4.1.3, RFC 7636, RFC 9700 §2.1.1 and
 * §4.2.4), over HTTP against a started server. The grant and its code are stored as the authorization
 * endpoint stores them; everything else goes through the Admin API and the token endpoint.
 */
class AuthorizationCodeGrantTest {

    static final String WS = "codes";
    static final String CB = "https://app.example.com/cb";

    static TestServer server;
    static UserGrantFixture fx;
    static TestClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        fx = new UserGrantFixture(server);
        fx.createWorkspace(WS, "jwt", List.of("public", "pairwise"));
        client = fx.createClient(WS, CB);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void codeExchangeIssuesAccessTokenIdTokenAndRefreshToken() throws Exception {
        Grant grant = fx.grant(WS, client, List.of("openid", "email"));
        String code = fx.code(grant, CB, CHALLENGE, "S256", "n-0S6_WzA2Mj");
        Map<String, Object> body = ok(fx.exchange(WS, client, code, CB, VERIFIER));
        assertThat(body).containsOnlyKeys("access_token", "expires_in", "scope", "token_type", "refresh_token",
                "id_token").containsEntry("token_type", "bearer").containsEntry("expires_in", 3600)
                .containsEntry("scope", "openid email");
        assertThat((String) body.get("refresh_token")).hasSizeGreaterThanOrEqualTo(43).doesNotContain(".");

        String accessToken = (String) body.get("access_token");
        JWTClaimsSet access = fx.verify(WS, accessToken);
        String issuer = server.baseUrl() + "/default/" + WS;
        assertThat(access.getIssuer()).isEqualTo(issuer);
        assertThat(access.getSubject()).isEqualTo(USER);
        assertThat(access.getStringClaim("st")).isEqualTo("public");
        assertThat(access.getStringClaim("idp")).isEqualTo("static-idp");
        assertThat(access.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(access.getStringListClaim("scp")).containsExactly("openid", "email");
        assertThat(access.getAudience()).hasSize(2).first().isEqualTo(client.id());
        assertThat(access.getAudience().get(1)).startsWith("spiffe:/default/" + WS + "/");

        JWTClaimsSet id = fx.verify(WS, (String) body.get("id_token"));
        assertThat(id.getIssuer()).isEqualTo(issuer);
        assertThat(id.getSubject()).isEqualTo(USER);
        assertThat(id.getAudience()).containsExactly(client.id());
        assertThat(id.getStringClaim("azp")).isEqualTo(client.id());
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");
        assertThat(id.getLongClaim("auth_time")).isEqualTo(grant.authTime().getEpochSecond());
        assertThat(id.getStringClaim("acr")).isEqualTo("urn:latchkey:acr:password");
        assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(id.getStringClaim("sid")).isEqualTo(grant.sessionId());
        assertThat(id.getStringClaim("at_hash")).isEqualTo(atHash(accessToken));
        assertThat(id.getExpirationTime().toInstant()).isEqualTo(id.getIssueTime().toInstant().plusSeconds(3600));
        assertThat(id.getIssueTime().toInstant()).isBetween(server.clock.instant().minusSeconds(5),
                server.clock.instant().plusSeconds(1));
        // the email scope releases email and email_verified; profile and phone were not granted
        assertThat(id.getStringClaim("email")).isEqualTo("jane@example.com");
        assertThat(id.getBooleanClaim("email_verified")).isTrue();
        assertThat(id.getClaims()).doesNotContainKeys("name", "phone_number", "employee_id");

        long recorded = server.server().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM grant_access_tokens WHERE grant_id = :g AND token_id = :t")
                .bind("g", grant.grantId()).bind("t", access.getJWTID()).mapTo(Long.class).one());
        assertThat(recorded).as("the access token is recorded under its grant").isEqualTo(1);
    }

    @Test
    void withoutOpenidThereIsNoIdTokenAndWithoutANonceTheIdTokenHasNone() throws Exception {
        Grant plain = fx.grant(WS, client, List.of("offline_access"));
        Map<String, Object> body = ok(fx.exchange(WS, client, fx.code(plain, CB, null, null, null), CB, null));
        assertThat(body).doesNotContainKey("id_token").containsKey("refresh_token");

        Grant oidc = fx.grant(WS, client, List.of("openid", "profile"));
        body = ok(fx.exchange(WS, client, fx.code(oidc, CB, null, null, null), CB, null));
        JWTClaimsSet id = fx.verify(WS, (String) body.get("id_token"));
        assertThat(id.getClaims()).doesNotContainKey("nonce").containsEntry("name", "Jane Doe");
    }

    @Test
    void pkcePlainSucceedsAndPkceMismatchesFail() {
        Grant grant = fx.grant(WS, client, List.of("openid"));
        ok(fx.exchange(WS, client, fx.code(grant, CB, VERIFIER, "plain", null), CB, VERIFIER));

        String wrong = "x" + VERIFIER.substring(1);
        assertThat(error(fx.exchange(WS, client, fx.code(grant, CB, CHALLENGE, "S256", null), CB, wrong), 400,
                "invalid_grant").get("error_description")).asString().contains("does not match");
        // S256 challenge, verifier sent as if plain: the challenge itself is no verifier
        error(fx.exchange(WS, client, fx.code(grant, CB, CHALLENGE, "S256", null), CB, CHALLENGE), 400,
                "invalid_grant");
        assertThat(error(fx.exchange(WS, client, fx.code(grant, CB, CHALLENGE, "S256", null), CB, null), 400,
                "invalid_grant").get("error_description")).asString().contains("required");
    }

    @Test
    void aVerifierForACodeWithoutChallengeIsAPkceDowngrade() {
        Grant grant = fx.grant(WS, client, List.of("openid"));
        Map<String, Object> body = error(fx.exchange(WS, client, fx.code(grant, CB, null, null, null), CB, VERIFIER),
                400, "invalid_grant");
        assertThat(body.get("error_description")).asString().contains("no code_challenge");
    }

    @Test
    void aMalformedVerifierIsAnInvalidRequestAndLeavesTheCodeUsable() {
        Grant grant = fx.grant(WS, client, List.of("openid"));
        String code = fx.code(grant, CB, CHALLENGE, "S256", null);
        error(fx.exchange(WS, client, code, CB, "too-short"), 400, "invalid_request");
        error(fx.exchange(WS, client, code, CB, VERIFIER.substring(0, 42) + "+"), 400, "invalid_request");
        error(fx.exchange(WS, client, code, CB, "a".repeat(129)), 400, "invalid_request");
        ok(fx.exchange(WS, client, code, CB, VERIFIER));
    }

    @Test
    void theRedirectUriMustBeSentAndEqualWhenTheAuthorizationRequestHadOne() {
        Grant grant = fx.grant(WS, client, List.of("openid"));
        error(fx.exchange(WS, client, fx.code(grant, CB, null, null, null), CB + "/other", null), 400,
                "invalid_grant");
        error(fx.exchange(WS, client, fx.code(grant, CB, null, null, null), CB + "?", null), 400, "invalid_grant");
        error(fx.token(WS, client, "grant_type", "authorization_code", "code", fx.code(grant, CB, null, null, null)),
                400, "invalid_grant");
        // a request without redirect_uri needs none at the token endpoint
        ok(fx.token(WS, client, "grant_type", "authorization_code", "code", fx.code(grant, null, null, null, null)));
    }

    @Test
    void aCodeOfAnotherClientIsRefused() {
        TestClient other = fx.createClient(WS, CB);
        Grant grant = fx.grant(WS, client, List.of("openid"));
        assertThat(error(fx.exchange(WS, other, fx.code(grant, CB, null, null, null), CB, null), 400,
                "invalid_grant").get("error_description")).asString().contains("not issued to this client");
    }

    @Test
    void anExpiredCodeIsRefused() {
        Grant grant = fx.grant(WS, client, List.of("openid"));
        String code = fx.code(grant, CB, null, null, null);
        server.clock.advance(Duration.ofMinutes(11));
        error(fx.exchange(WS, client, code, CB, null), 400, "invalid_grant");
    }

    @Test
    void aCodeOfARevokedGrantIsRefused() {
        Grant grant = fx.grant(WS, client, List.of("openid"));
        String code = fx.code(grant, CB, null, null, null);
        server.server().database().jdbi().useHandle(h -> h.createUpdate(
                "UPDATE grants SET revoked_at = :now WHERE grant_id = :g")
                .bind("now", server.clock.instant()).bind("g", grant.grantId()).execute());
        error(fx.exchange(WS, client, code, CB, null), 400, "invalid_grant");
    }

    /**
     * RFC 6749 §4.1.2: the second use of a code is refused and revokes what the first issued. The access
     * token is one of the admin workspace, so the real Admin API proves that it stops working.
     */
    @Test
    void aReusedCodeIsRefusedAndRevokesTheTokensOfItsFirstRedemption() {
        TestClient adminApp = fx.createClient("admin", List.of("authorization_code", "refresh_token"), List.of(CB),
                Map.of());
        Grant grant = fx.grant("admin", adminApp, List.of());
        String code = fx.code(grant, CB, CHALLENGE, "S256", null);
        Map<String, Object> first = ok(fx.exchange("admin", adminApp, code, CB, VERIFIER));
        String accessToken = (String) first.get("access_token");
        assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + accessToken).statusCode())
                .isEqualTo(200);

        assertThat(error(fx.exchange("admin", adminApp, code, CB, VERIFIER), 400, "invalid_grant")
                .get("error_description")).asString().contains("already been used");
        assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + accessToken).statusCode())
                .isEqualTo(401);
        error(fx.refresh("admin", adminApp, (String) first.get("refresh_token")), 400, "invalid_grant");
    }

    /**
     * A code and its replay racing: whatever the interleaving, at most one gets tokens, and those are revoked
     * by the time both have answered (the replay revoked them, or the winner found its grant revoked while
     * issuing and revoked what it had issued).
     */
    @Test
    void aCodeRacingItsReplayLeavesNoLiveToken() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Grant grant = fx.grant(WS, client, List.of("openid"));
                String code = fx.code(grant, CB, null, null, null);
                var go = new java.util.concurrent.CountDownLatch(1);
                var racers = new java.util.ArrayList<java.util.concurrent.Future<HttpResponse<String>>>();
                for (int i = 0; i < 2; i++) {
                    racers.add(pool.submit(() -> {
                        go.await();
                        return fx.exchange(WS, client, code, CB, null);
                    }));
                }
                go.countDown();
                List<HttpResponse<String>> responses = new java.util.ArrayList<>();
                for (var racer : racers) {
                    responses.add(racer.get());
                }
                assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSizeLessThanOrEqualTo(1);
                for (HttpResponse<String> response : responses) {
                    if (response.statusCode() != 200) {
                        error(response, 400, "invalid_grant");
                        continue;
                    }
                    Map<String, Object> body = TestServer.json(response);
                    String jti = com.nimbusds.jwt.SignedJWT.parse((String) body.get("access_token")).getJWTClaimsSet()
                            .getJWTID();
                    assertThat(fx.revoked(jti)).isTrue();
                    error(fx.refresh(WS, client, (String) body.get("refresh_token")), 400, "invalid_grant");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOpaqueWorkspaceIssuesOpaqueAccessTokensThatCodeReuseDeletes() throws Exception {
        fx.createWorkspace("opaque-codes", "opaque", List.of("public"));
        TestClient app = fx.createClient("opaque-codes", CB);
        Grant grant = fx.grant("opaque-codes", app, List.of("openid", "email"));
        String code = fx.code(grant, CB, CHALLENGE, "S256", "abc");
        Map<String, Object> body = ok(fx.exchange("opaque-codes", app, code, CB, VERIFIER));
        String accessToken = (String) body.get("access_token");
        assertThat(accessToken).doesNotContain(".").hasSizeGreaterThanOrEqualTo(43);
        JWTClaimsSet id = fx.verify("opaque-codes", (String) body.get("id_token"));
        assertThat(id.getStringClaim("at_hash")).isEqualTo(atHash(accessToken));
        assertThat(id.getStringClaim("nonce")).isEqualTo("abc");
        assertThat(opaqueRows(accessToken)).isEqualTo(1);

        Map<String, Object> refreshed = ok(fx.refresh("opaque-codes", app, (String) body.get("refresh_token")));
        assertThat((String) refreshed.get("access_token")).doesNotContain(".");

        error(fx.exchange("opaque-codes", app, code, CB, VERIFIER), 400, "invalid_grant");
        assertThat(opaqueRows(accessToken)).isZero();
        assertThat(opaqueRows((String) refreshed.get("access_token"))).isZero();
    }

    @Test
    void malformedRequestsAreRefusedWithoutAServerError() {
        error(fx.token(WS, client, "grant_type", "authorization_code"), 400, "invalid_request");
        error(fx.token(WS, client, "grant_type", "authorization_code", "code", "nope", "redirect_uri", CB), 400,
                "invalid_grant");
        error(fx.token(WS, client, "grant_type", "authorization_code", "code", "c".repeat(20_000)), 400,
                "invalid_grant");
        error(fx.token(WS, client, "grant_type", "authorization_code", "code", "\u0000\u00e9%;'\"<>"), 400,
                "invalid_grant");
        error(server.postForm("/default/" + WS + "/oauth2/token", "grant_type=authorization_code&code=a&code=b"
                + "&client_id=" + client.id() + "&client_secret=" + client.secret()), 400, "invalid_request");
        TestClient service = fx.createClient(WS, List.of("client_credentials"), List.of(), Map.of());
        Grant grant = fx.grant(WS, service, List.of());
        error(fx.exchange(WS, service, fx.code(grant, CB, null, null, null), CB, null), 400, "unauthorized_client");
    }

    private long opaqueRows(String token) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM opaque_tokens WHERE token_hash = :h")
                .bind("h", dev.latchkey.support.TokenHashes.hash(token)).mapTo(Long.class).one());
    }

    /** OIDC Core §3.1.3.6, computed here: base64url of the left half of SHA-256 of the token's ASCII. */
    static String atHash(String accessToken) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }
}
