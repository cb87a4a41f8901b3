package dev.latchkey.grant;

import dev.latchkey.store.LocalChangeBus;
import dev.latchkey.testing.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stores of end-user authorization on the real database (H2, and PostgreSQL in the second run):
 * one winner per code and per refresh token even under concurrency, and grant revocation reaching
 * everything issued under the grant.
 */
class GrantStoresTest {

    private static TestServer server;
    private static Jdbi jdbi;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbi = server.server().database().jdbi();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Grant grant(GrantRepository grants) {
        Grant grant = new Grant(UUID.randomUUID().toString(), "default", "default", "client-1", "user-1", "idp-1",
                List.of("pwd"), "", NOW, List.of("openid"), Map.of("email", "u@example.com"), "s1", NOW,
                NOW.plus(Duration.ofDays(1)));
        grants.insert(grant);
        return grant;
    }

    @Test
    void aCodeIsRedeemedOnceEvenByConcurrentCalls() throws Exception {
        var grants = new JdbiGrantRepository(jdbi);
        var codes = new JdbiAuthorizationCodeRepository(jdbi);
        Grant grant = grant(grants);
        String hash = UUID.randomUUID().toString();
        codes.insert(hash, new AuthorizationCode("default", "default", grant.grantId(), "client-1",
                "https://app.example/cb", "challenge", "S256", "n-1", List.of("openid"), NOW,
                NOW.plusSeconds(60)));

        List<AuthorizationCodeRepository.Redemption.Status> outcomes = concurrently(8,
                () -> codes.redeem(hash, NOW.plusSeconds(1)).status());

        assertThat(outcomes).containsOnlyOnce(AuthorizationCodeRepository.Redemption.Status.REDEEMED)
                .filteredOn(s -> s != AuthorizationCodeRepository.Redemption.Status.REDEEMED)
                .containsOnly(AuthorizationCodeRepository.Redemption.Status.REUSED);
        var reused = codes.redeem(hash, NOW.plusSeconds(2));
        assertThat(reused.code()).get().extracting(AuthorizationCode::grantId).isEqualTo(grant.grantId());
        assertThat(codes.redeem("no-such-code", NOW).status())
                .isEqualTo(AuthorizationCodeRepository.Redemption.Status.UNKNOWN);
    }

    @Test
    void anExpiredCodeIsNotRedeemed() {
        var grants = new JdbiGrantRepository(jdbi);
        var codes = new JdbiAuthorizationCodeRepository(jdbi);
        Grant grant = grant(grants);
        codes.insert("expired-code", new AuthorizationCode("default", "default", grant.grantId(), "client-1",
                "https://app.example/cb", null, null, null, List.of(), NOW, NOW.plusSeconds(60)));
        assertThat(codes.redeem("expired-code", NOW.plusSeconds(61)).status())
                .isEqualTo(AuthorizationCodeRepository.Redemption.Status.EXPIRED);
    }

    @Test
    void aRefreshTokenRotatesOnceAndItsReuseIsReported() throws Exception {
        var grants = new JdbiGrantRepository(jdbi);
        var tokens = new JdbiRefreshTokenRepository(jdbi);
        Grant grant = grant(grants);
        String hash = UUID.randomUUID().toString();
        tokens.insert(hash, new RefreshToken("default", "default", grant.grantId(), "client-1", List.of("openid"),
                NOW, NOW.plusSeconds(3600)));
        assertThat(tokens.findActive(hash, NOW)).isPresent();

        var outcomes = concurrently(8, () -> tokens.use(hash, NOW.plusSeconds(5)).status());

        assertThat(outcomes).containsOnlyOnce(RefreshTokenRepository.Use.Status.ROTATED);
        var reuse = tokens.use(hash, NOW.plusSeconds(10));
        assertThat(reuse.status()).isEqualTo(RefreshTokenRepository.Use.Status.REUSED);
        assertThat(reuse.usedAt()).contains(NOW.plusSeconds(5));
        assertThat(tokens.findActive(hash, NOW.plusSeconds(10))).isEmpty();
    }

    @Test
    void revokingAGrantRevokesItsRefreshTokensAndAccessTokens() {
        var grants = new JdbiGrantRepository(jdbi);
        var tokens = new JdbiRefreshTokenRepository(jdbi);
        var revoked = new JdbiRevokedTokenRepository(jdbi);
        var revocations = new TokenRevocations(revoked, grants, new LocalChangeBus(),
                java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        Grant grant = grant(grants);
        String refresh = UUID.randomUUID().toString();
        tokens.insert(refresh, new RefreshToken("default", "default", grant.grantId(), "client-1", List.of(),
                NOW, NOW.plusSeconds(3600)));
        String jti = UUID.randomUUID().toString();
        grants.recordAccessToken(grant.grantId(), jti, NOW.plusSeconds(600));
        assertThat(revocations.isRevoked(jti)).isFalse(); // now cached as not revoked
        assertThat(grants.findActiveByAccessToken(jti, NOW)).get().extracting(Grant::claims)
                .isEqualTo(Map.of("email", "u@example.com"));

        revocations.revokeGrant("default", "default", grant.grantId(), NOW);

        assertThat(revocations.isRevoked(jti)).isTrue(); // the change dropped the cached answer
        assertThat(grants.findActive(grant.grantId(), NOW)).isEmpty();
        assertThat(grants.findActiveByAccessToken(jti, NOW)).isEmpty();
        assertThat(tokens.use(refresh, NOW).status()).isEqualTo(RefreshTokenRepository.Use.Status.UNKNOWN);
        revocations.revokeGrant("default", "default", grant.grantId(), NOW); // twice is harmless
        revocations.revokeToken(jti, "default", "default", NOW.plusSeconds(600));
        assertThat(revoked.isRevoked(jti)).isTrue();
    }

    private static <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
        try (var pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
