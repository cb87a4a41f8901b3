package dev.latchkey.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.grant.Grant;
import dev.latchkey.oauth.UserGrantFixture.TestClient;
import dev.latchkey.support.TokenHashes;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.latchkey.oauth.UserGrantFixture.USER;
import static dev.latchkey.oauth.UserGrantFixture.error;
import static dev.latchkey.oauth.UserGrantFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh token grant (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2), over HTTP:
 * each refresh token works once; a reuse within the grace of two seconds is a concurrent retry (refused,
 * nothing revoked); a later reuse is a replay that revokes the whole family; scopes narrow but never
 * widen.
 */
class RefreshTokenGrantTest {

    static final String WS = "refresh";
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

    /** Exchanges a fresh code of a new grant with {@code scopes}; returns the token response. */
    Map<String, Object> login(List<String> scopes) {
        Grant grant = fx.grant(WS, client, scopes);
        return ok(fx.exchange(WS, client, fx.code(grant, CB, null, null, "nonce-1"), CB, null));
    }

    static String refreshToken(Map<String, Object> body) {
        return (String) body.get("refresh_token");
    }

    @Test
    void aRefreshTokenRotatesAndTheNewOneWorks() throws Exception {
        Map<String, Object> first = login(List.of("openid", "email"));
        Map<String, Object> second = ok(fx.refresh(WS, client, refreshToken(first)));
        assertThat(second).containsOnlyKeys("access_token", "expires_in", "scope", "token_type", "refresh_token",
                "id_token").containsEntry("scope", "openid email").containsEntry("token_type", "bearer");
        assertThat(refreshToken(second)).isNotEqualTo(refreshToken(first));

        JWTClaimsSet access = fx.verify(WS, (String) second.get("access_token"));
        assertThat(access.getSubject()).isEqualTo(USER);
        assertThat(access.getStringListClaim("scp")).containsExactly("openid", "email");
        JWTClaimsSet id = fx.verify(WS, (String) second.get("id_token"));
        assertThat(id.getClaims()).doesNotContainKey("nonce");
        assertThat(id.getSubject()).isEqualTo(USER);
        assertThat(id.getStringClaim("at_hash"))
                .isEqualTo(AuthorizationCodeGrantTest.atHash((String) second.get("access_token")));
        assertThat(id.getLongClaim("auth_time"))
                .isEqualTo(fx.verify(WS, (String) first.get("id_token")).getLongClaim("auth_time"));
        assertThat(id.getStringClaim("email")).isEqualTo("jane@example.com");

        error(fx.refresh(WS, client, refreshToken(first)), 400, "invalid_grant"); // within the grace: a retry
        Map<String, Object> third = ok(fx.refresh(WS, client, refreshToken(second)));
        ok(fx.refresh(WS, client, refreshToken(third)));
    }

    @Test
    void aReuseWithinTheGraceIsRefusedWithoutRevokingTheFamily() {
        Map<String, Object> first = login(List.of("openid"));
        Map<String, Object> second = ok(fx.refresh(WS, client, refreshToken(first)));
        server.clock.advance(Duration.ofMillis(1500));
        assertThat(error(fx.refresh(WS, client, refreshToken(first)), 400, "invalid_grant")
                .get("error_description")).asString().contains("already been used");
        String jti = jti((String) second.get("access_token"));
        assertThat(fx.revoked(jti)).isFalse();
        ok(fx.refresh(WS, client, refreshToken(second)));
    }

    @Test
    void aReplayAfterTheGraceRevokesTheWholeFamily() {
        Map<String, Object> first = login(List.of("openid"));
        Map<String, Object> second = ok(fx.refresh(WS, client, refreshToken(first)));
        Map<String, Object> third = ok(fx.refresh(WS, client, refreshToken(second)));
        server.clock.advance(Duration.ofSeconds(3));
        error(fx.refresh(WS, client, refreshToken(first)), 400, "invalid_grant");
        // the newest refresh token of the family is refused too, and every access token is revoked
        error(fx.refresh(WS, client, refreshToken(third)), 400, "invalid_grant");
        for (Map<String, Object> issued : List.of(first, second, third)) {
            assertThat(fx.revoked(jti((String) issued.get("access_token")))).isTrue();
        }
    }

    @Test
    void ofTwoRacingRefreshesExactlyOneSucceeds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String token = refreshToken(login(List.of("openid")));
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<HttpResponse<String>>> racers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    racers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return fx.refresh(WS, client, token);
                    }, pool));
                }
                go.countDown();
                List<HttpResponse<String>> responses = racers.stream().map(CompletableFuture::join).toList();
                assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 400);
                HttpResponse<String> winner = responses.stream().filter(r -> r.statusCode() == 200).findFirst()
                        .orElseThrow();
                HttpResponse<String> loser = responses.stream().filter(r -> r.statusCode() == 400).findFirst()
                        .orElseThrow();
                error(loser, 400, "invalid_grant");
                // the loser was a concurrent retry: the winner's family lives on
                ok(fx.refresh(WS, client, refreshToken(TestServer.json(winner))));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scopesMayNarrowButNeverWiden() throws Exception {
        Map<String, Object> first = login(List.of("openid", "email", "profile"));
        Map<String, Object> narrowed = ok(fx.token(WS, client, "grant_type", "refresh_token", "refresh_token",
                refreshToken(first), "scope", "email"));
        assertThat(narrowed).containsEntry("scope", "email").doesNotContainKey("id_token");
        assertThat(fx.verify(WS, (String) narrowed.get("access_token")).getStringListClaim("scp"))
                .containsExactly("email");

        // wider than granted (phone was never granted; offline_access is a client scope, not a granted one)
        for (String wider : List.of("email phone", "offline_access", "openid email profile address")) {
            Map<String, Object> body = error(fx.token(WS, client, "grant_type", "refresh_token", "refresh_token",
                    refreshToken(narrowed), "scope", wider), 400, "invalid_scope");
            assertThat(body).containsKey("error_description");
        }
        // the refused requests did not spend the token; it still carries the original scopes
        Map<String, Object> full = ok(fx.refresh(WS, client, refreshToken(narrowed)));
        assertThat(full).containsEntry("scope", "openid email profile").containsKey("id_token");
        assertThat(fx.verify(WS, (String) full.get("id_token")).getStringClaim("name")).isEqualTo("Jane Doe");
    }

    @Test
    void aRefreshTokenOfAnotherClientIsRefusedAndStaysUsable() {
        TestClient other = fx.createClient(WS, CB);
        Map<String, Object> first = login(List.of("openid"));
        assertThat(error(fx.refresh(WS, other, refreshToken(first)), 400, "invalid_grant")
                .get("error_description")).asString().contains("not issued to this client");
        ok(fx.refresh(WS, client, refreshToken(first)));
    }

    @Test
    void theRefreshTokenLivesNoLongerThanItsGrant() {
        Grant grant = fx.grant(WS, client, List.of("openid"), Duration.ofHours(1));
        Map<String, Object> body = ok(fx.exchange(WS, client, fx.code(grant, CB, null, null, null), CB, null));
        Instant expires = server.server().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT expires_at FROM refresh_tokens WHERE token_hash = :h")
                .bind("h", TokenHashes.hash(refreshToken(body)))
                .map((rs, ctx) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).one());
        assertThat(Duration.between(expires, grant.expiresAt()).abs()).as("stored to the microsecond")
                .isLessThan(Duration.ofMillis(1));
        server.clock.advance(Duration.ofMinutes(61));
        error(fx.refresh(WS, client, refreshToken(body)), 400, "invalid_grant");
    }

    @Test
    void aRevokedGrantRefusesItsRefreshTokens() {
        Grant grant = fx.grant(WS, client, List.of("openid"));
        Map<String, Object> body = ok(fx.exchange(WS, client, fx.code(grant, CB, null, null, null), CB, null));
        server.server().database().jdbi().useHandle(h -> h.createUpdate(
                        "UPDATE grants SET revoked_at = :now WHERE grant_id = :g")
                .bind("now", server.clock.instant()).bind("g", grant.grantId()).execute());
        error(fx.refresh(WS, client, refreshToken(body)), 400, "invalid_grant");
    }

    @Test
    void aClientWithoutTheRefreshTokenGrantGetsNoRefreshToken() {
        TestClient codeOnly = fx.createClient(WS, List.of("authorization_code"), List.of(CB),
                Map.of("scopes", List.of("openid")));
        Grant grant = fx.grant(WS, codeOnly, List.of("openid"));
        Map<String, Object> body = ok(fx.exchange(WS, codeOnly, fx.code(grant, CB, null, null, null), CB, null));
        assertThat(body).doesNotContainKey("refresh_token").containsKey("id_token");
        error(fx.refresh(WS, codeOnly, "anything"), 400, "unauthorized_client");
    }

    @Test
    void malformedRequestsAreRefusedWithoutAServerError() {
        error(fx.token(WS, client, "grant_type", "refresh_token"), 400, "invalid_request");
        error(fx.refresh(WS, client, "not-a-token"), 400, "invalid_grant");
        error(fx.refresh(WS, client, "r".repeat(20_000)), 400, "invalid_grant");
        error(fx.refresh(WS, client, "\u0000\u00e9%;'\"<>"), 400, "invalid_grant");
        error(fx.token(WS, client, "grant_type", "refresh_token", "refresh_token", "x", "scope", "   "), 400,
                "invalid_grant");
    }

    private static String jti(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getJWTID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
