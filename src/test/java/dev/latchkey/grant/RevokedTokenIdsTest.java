package dev.latchkey.grant;

import dev.latchkey.store.Change;
import dev.latchkey.store.LocalChangeBus;
import dev.latchkey.testing.TestClock;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8: whether a token is revoked is answered from memory ({@link RevokedTokenIds} in
 * {@link TokenRevocations}), on the real database (H2, and PostgreSQL in the second run): revocations recorded
 * before the start, made on this node, announced by another node (two {@link TokenRevocations} on one bus stand
 * for two nodes; {@code store.TwoNodeChangesTest} runs two servers) or whose announcement was lost are refused,
 * a token never seen costs no statement, and revocations leave memory once their token has expired.
 */
class RevokedTokenIdsTest {

    private static TestServer server;
    private static JdbiRevokedTokenRepository stored;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        stored = new JdbiRevokedTokenRepository(server.server().database().jdbi());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The database's revocations, counting the statements asked of it. */
    private static final class Counted implements RevokedTokenRepository {
        final AtomicInteger reads = new AtomicInteger();
        volatile boolean broken;

        @Override
        public void revoke(String tokenId, String tenantId, String workspaceId, Instant expiresAt) {
            stored.revoke(tokenId, tenantId, workspaceId, expiresAt);
        }

        @Override
        public boolean isRevoked(String tokenId) {
            reads.incrementAndGet();
            return stored.isRevoked(tokenId);
        }

        @Override
        public Optional<Instant> expiryOf(String tokenId) {
            reads.incrementAndGet();
            if (broken) {
                throw new IllegalStateException("database unreachable");
            }
            return stored.expiryOf(tokenId);
        }

        @Override
        public Map<String, Instant> unexpired(Instant now) {
            reads.incrementAndGet();
            return stored.unexpired(now);
        }

        @Override
        public void revokeSubject(String tenantId, String workspaceId, String subject, Instant at) {
            stored.revokeSubject(tenantId, workspaceId, subject, at);
        }

        @Override
        public Optional<Instant> subjectRevokedAt(String tenantId, String workspaceId, String subject) {
            reads.incrementAndGet();
            return stored.subjectRevokedAt(tenantId, workspaceId, subject);
        }
    }

    private static TokenRevocations node(RevokedTokenRepository repository, LocalChangeBus bus, TestClock clock) {
        return new TokenRevocations(repository, new JdbiGrantRepository(server.server().database().jdbi()), bus,
                clock);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void revocationsRecordedBeforeTheStartAreRefusedAndTokensNeverSeenCostNoStatement() {
        TestClock clock = new TestClock();
        String revoked = id();
        stored.revoke(revoked, "default", "default", clock.instant().plusSeconds(600));
        Counted repository = new Counted();

        TokenRevocations revocations = node(repository, new LocalChangeBus(), clock);
        int atStart = repository.reads.get();

        assertThat(revocations.isRevoked(revoked)).isTrue();
        for (int i = 0; i < 1_000; i++) {
            assertThat(revocations.isRevoked(id())).isFalse();
        }
        assertThat(repository.reads.get()).as("statements after the start").isEqualTo(atStart);
    }

    @Test
    void aTokenRevokedOnOneNodeIsRefusedOnTheOtherOnceTheChangeArrives() {
        TestClock clock = new TestClock();
        LocalChangeBus bus = new LocalChangeBus();
        Counted onB = new Counted();
        TokenRevocations a = node(new Counted(), bus, clock);
        TokenRevocations b = node(onB, bus, clock);
        String jti = id();
        assertThat(b.isRevoked(jti)).isFalse();

        a.revokeToken(jti, "default", "default", clock.instant().plusSeconds(300));

        assertThat(a.isRevoked(jti)).isTrue();
        assertThat(b.isRevoked(jti)).isTrue();
        int reads = onB.reads.get();
        assertThat(b.isRevoked(jti)).isTrue();
        assertThat(onB.reads.get()).as("one read of the announced revocation, then none").isEqualTo(reads);
    }

    @Test
    void aRevocationWhoseAnnouncementWasLostIsFoundByTheNextRefreshOrAfterAMissedChange() {
        TestClock clock = new TestClock();
        LocalChangeBus bus = new LocalChangeBus();
        TokenRevocations revocations = node(new Counted(), bus, clock);
        String lost = id();
        String missed = id();
        stored.revoke(lost, "default", "default", clock.instant().plusSeconds(300)); // no change published
        assertThat(revocations.isRevoked(lost)).isFalse();

        revocations.refresh();
        assertThat(revocations.isRevoked(lost)).isTrue();

        stored.revoke(missed, "default", "default", clock.instant().plusSeconds(300));
        bus.publish(Change.everything()); // the bus's connection came back: anything may have changed
        assertThat(revocations.isRevoked(missed)).isTrue();
    }

    @Test
    void anAnnouncedRevocationThatCannotBeReadIsRefusedForADayThenTakesItsRecordedExpiry() {
        TestClock clock = new TestClock();
        LocalChangeBus bus = new LocalChangeBus();
        Counted broken = new Counted();
        TokenRevocations b = node(broken, bus, clock);
        String jti = id();
        stored.revoke(jti, "default", "default", clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60));
        broken.broken = true;

        bus.publish(new Change(Change.REVOCATION, "default", "default", jti));
        assertThat(b.isRevoked(jti)).isTrue();

        broken.broken = false;
        b.refresh(); // the recorded expiry replaces the day
        clock.advance(Duration.ofSeconds(61));
        b.sweep();
        assertThat(b.isRevoked(jti)).isFalse();
    }

    @Test
    void revocationsLeaveMemoryOnceTheirTokenHasExpired() {
        TestClock clock = new TestClock();
        TokenRevocations revocations = node(new Counted(), new LocalChangeBus(), clock);
        int before = revocations.sweep();
        String shortLived = id();
        String longLived = id();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS); // a JWT's exp has whole seconds
        revocations.revokeToken(shortLived, "default", "default", now.plusSeconds(60));
        revocations.revokeToken(longLived, "default", "default", now.plusSeconds(3_600));
        assertThat(revocations.sweep()).isEqualTo(before + 2);

        clock.advance(Duration.ofSeconds(61)); // past the short-lived token's expiry: it is refused as expired now
        assertThat(revocations.sweep()).isLessThanOrEqualTo(before + 1);
        assertThat(revocations.isRevoked(shortLived)).isFalse();
        assertThat(revocations.isRevoked(longLived)).isTrue();
        assertThat(revocations.refresh()).as("the database's expired row does not come back")
                .isLessThanOrEqualTo(before + 1);
        assertThat(revocations.isRevoked(shortLived)).isFalse();

        clock.advance(Duration.ofHours(2));
        assertThat(revocations.sweep()).isZero();
        assertThat(revocations.isRevoked(longLived)).isFalse();
    }
}
