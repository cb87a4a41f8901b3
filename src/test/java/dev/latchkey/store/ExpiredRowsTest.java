package dev.latchkey.store;

import dev.latchkey.grant.AuthorizationCode;
import dev.latchkey.grant.Grant;
import dev.latchkey.grant.JdbiAuthorizationCodeRepository;
import dev.latchkey.grant.JdbiGrantRepository;
import dev.latchkey.grant.JdbiRevokedTokenRepository;
import dev.latchkey.testing.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep deletes what expired more than the grace ago, keeps the rest, and cascades from grants. */
class ExpiredRowsTest {

    private static TestServer server;
    private static Jdbi jdbi;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbi = server.server().database().jdbi();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Grant grant(String id, Instant expiresAt) {
        Instant created = expiresAt.minus(Duration.ofDays(1));
        return new Grant(id, "default", "default", "c", "u", "idp", List.of(), "", created, List.of(), Map.of(), "s",
                created, expiresAt);
    }

    private static int count(String table, String column, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = :id")
                .bind("id", id).mapTo(Integer.class).one());
    }

    @Test
    void rowsExpiredLongerThanTheGraceAreDeletedAndTheOthersKept() {
        Instant now = server.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var grants = new JdbiGrantRepository(jdbi);
        var codes = new JdbiAuthorizationCodeRepository(jdbi);
        grants.insert(grant("old-grant", now.minus(Duration.ofHours(2))));
        grants.insert(grant("live-grant", now.plus(Duration.ofHours(2))));
        codes.insert("old-grant-code", new AuthorizationCode("default", "default", "old-grant", "c", null, null,
                null, null, List.of(), now.minusSeconds(7200), now.plusSeconds(600))); // cascades with its grant
        codes.insert("expired-code", new AuthorizationCode("default", "default", "live-grant", "c", null, null,
                null, null, List.of(), now.minusSeconds(7800), now.minus(Duration.ofMinutes(90))));
        codes.insert("recent-code", new AuthorizationCode("default", "default", "live-grant", "c", null, null,
                null, null, List.of(), now.minusSeconds(1200), now.minus(Duration.ofMinutes(10))));
        var revoked = new JdbiRevokedTokenRepository(jdbi);
        revoked.revoke("old-jti", "default", "default", now.minus(Duration.ofHours(3)));
        revoked.revoke("live-jti", "default", "default", now.plus(Duration.ofMinutes(5)));

        Map<String, Integer> deleted = new ExpiredRows(jdbi, server.clock).sweep();

        assertThat(deleted).containsEntry("grants", 1).containsEntry("revoked_tokens", 1)
                .containsEntry("authorization_codes", 1);
        assertThat(count("grants", "grant_id", "old-grant")).isZero();
        assertThat(count("authorization_codes", "code_hash", "old-grant-code")).isZero();
        assertThat(count("authorization_codes", "code_hash", "expired-code")).isZero();
        assertThat(count("authorization_codes", "code_hash", "recent-code")).isOne(); // within the grace
        assertThat(count("grants", "grant_id", "live-grant")).isOne();
        assertThat(revoked.isRevoked("old-jti")).isFalse();
        assertThat(revoked.isRevoked("live-jti")).isTrue();
        assertThat(new ExpiredRows(jdbi, server.clock).sweep().values()).containsOnly(0);
    }
}
