package dev.latchkey.audit;

import dev.latchkey.support.Xid;
import dev.latchkey.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint's capture of a token issued ({@link TokenIssued}): the event the audit writer makes of it is
 * the one the list-taking call records at once (same fields, details and order of details; an id of the same
 * generator, spelled later), whether it reaches a plain log or the queue; the encoder's shortcuts (details read
 * in place, a field that is the previous event's very string) write the same bytes as the general path.
 */
class TokenIssuedTest {

    private static final SecurityEvents.Origin ORIGIN = new SecurityEvents.Origin("203.0.113.7", "wrk");

    @Test
    void theCaptureMakesTheEventTheListCallRecords() {
        List<AuditEvent> events = new ArrayList<>();
        TestClock clock = new TestClock();
        Xid ids = new Xid(clock, new java.security.SecureRandom());
        SecurityEvents security = new SecurityEvents(events::add, clock, ids);
        String longId = "c".repeat(300);
        security.tokenIssued(ORIGIN, "t", "w", longId, "alice", "authorization_code", "openid read write");
        security.tokenIssued(ORIGIN, "t", "w", longId, "alice", "authorization_code", List.of("openid", "read", "write"));
        security.tokenIssued(ORIGIN, "t", "w", "app", "app", "client_credentials", (String) null);
        security.tokenIssued(ORIGIN, "t", "w", "app", "app", "client_credentials", List.of());
        security.tokenIssued(ORIGIN, "t", "w", "app", "app", "client_credentials", "");

        assertThat(events).hasSize(5);
        assertThat(withoutId(events.get(0))).isEqualTo(withoutId(events.get(1)));
        assertThat(new ArrayList<>(events.get(0).details().keySet()))
                .containsExactly("grant_type", "client_id", "subject", "scopes");
        assertThat(events.get(0).details().get("scopes")).isEqualTo(List.of("openid", "read", "write"));
        assertThat(events.get(0).actorClientId()).hasSize(255);
        assertThat(events.get(0).details().get("client_id")).isEqualTo(longId);
        assertThat(withoutId(events.get(2))).isEqualTo(withoutId(events.get(3))).isEqualTo(withoutId(events.get(4)));
        assertThat(events.get(2).details().get("scopes")).isEqualTo(List.of());
        assertThat(events).extracting(AuditEvent::id).doesNotHaveDuplicates().allMatch(Xid::isValid);
        assertThat(events.get(0).createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void securityEventsSayWhetherTheyAreRecorded() {
        TestClock clock = new TestClock();
        Xid ids = new Xid(clock, new java.security.SecureRandom());
        List<AuditEvent> events = new ArrayList<>();
        assertThat(new SecurityEvents(events::add, clock, ids).enabled()).isTrue();
        SecurityEvents off = SecurityEvents.off(clock, ids);
        assertThat(off.enabled()).isFalse();
    }

    @Test
    void theQueueWritesTheEventsItsWriterMakesOfTheCaptures() {
        List<AuditEvent> written = new CopyOnWriteArrayList<>();
        AuditQueue queue = new AuditQueue(batch -> batch.forEach(p -> written.add(p.event())), 100, 10,
                new TestClock());
        TestClock clock = new TestClock();
        SecurityEvents security = new SecurityEvents(queue, clock, new Xid(clock, new java.security.SecureRandom()));
        List<AuditEvent> direct = new ArrayList<>();
        SecurityEvents plain = new SecurityEvents(direct::add, clock, new Xid(clock, new java.security.SecureRandom()));
        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofMillis(3));
            security.tokenIssued(ORIGIN, "t", "w", "app-" + i, "app-" + i, "client_credentials", "read");
            plain.tokenIssued(ORIGIN, "t", "w", "app-" + i, "app-" + i, "client_credentials", List.of("read"));
        }
        queue.close(Duration.ofSeconds(5));
        assertThat(written).hasSize(25);
        assertThat(written.stream().map(TokenIssuedTest::withoutId).toList())
                .isEqualTo(direct.stream().map(TokenIssuedTest::withoutId).toList());
        assertThat(written).extracting(AuditEvent::id).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void theEncodersShortcutsWriteTheBytesOfTheGeneralPath() {
        List<AuditEvent> events = new ArrayList<>();
        TestClock clock = new TestClock();
        SecurityEvents security = new SecurityEvents(events::add, clock, new Xid(clock, new java.security.SecureRandom()));
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofNanos(12_345_678));
            security.tokenIssued(ORIGIN, "t", "w", "app-" + (i % 4), "app-" + (i % 4), "client_credentials", "a b");
        }
        // the same content in other objects: equal strings that are not the same objects, details in a LinkedHashMap
        List<AuditEvent> copies = events.stream().map(e -> new AuditEvent(e.id(), copy(e.tenantId()),
                copy(e.workspaceId()), copy(e.actorClientId()), copy(e.actorSubject()), copy(e.action()),
                copy(e.objectType()), copy(e.objectId()), copy(e.ip()), copy(e.userAgent()),
                new LinkedHashMap<>(e.details()), e.createdAt())).toList();
        assertThat(AuditSegmentCodec.encode(events)).isEqualTo(AuditSegmentCodec.encode(copies));
        assertThat(AuditSegmentCodec.decode(AuditSegmentCodec.encode(events)).get(5).details())
                .isEqualTo(events.get(5).details());
    }

    @Test
    void aCaptureIsWrittenAsItsEventWouldBe() {
        TestClock clock = new TestClock();
        List<PendingEvent> captured = new ArrayList<>();
        AuditLog queueLike = new AuditLog() {
            @Override
            public void record(AuditEvent event) {
                captured.add(event);
            }

            @Override
            public void record(PendingEvent event) {
                captured.add(event);
            }
        };
        SecurityEvents one = new SecurityEvents(queueLike, clock, new Xid(clock, new java.security.SecureRandom()));
        SecurityEvents other = new SecurityEvents(queueLike, clock, new Xid(clock, new java.security.SecureRandom()));
        String[] scopes = {null, "", "a", "a b", "a  b", " a", "a ", "  ", "openid read write", "a b"};
        for (int i = 0; i < 60; i++) {
            clock.advance(Duration.ofNanos(i % 7 == 0 ? 2_000_000_000L : 12_345));
            SecurityEvents events = i % 5 == 0 ? other : one; // two processes' ids: their machine bytes differ
            // runs of captures that differ in one thing only: the details of the previous one are reused when equal
            String client = i / 20 == 1 ? "c".repeat(300) : "app-" + (i / 4 % 3);
            events.tokenIssued(ORIGIN, "t", i % 4 == 0 ? "w2" : "w", client, i / 3 % 2 == 0 ? client : "alice",
                    i / 5 % 2 == 0 ? "authorization_code" : "client_credentials", scopes[i / 2 % scopes.length]);
            if (i % 8 == 0) {
                events.loginFailed(ORIGIN, "t", "w", "web", "alice", "idp", "invalid_credentials");
            }
        }
        assertThat(captured).hasOnlyElementsOfTypes(TokenIssued.class, AuditEvent.class)
                .hasAtLeastOneElementOfType(TokenIssued.class);
        List<AuditEvent> made = captured.stream().map(PendingEvent::event).toList();
        assertThat(AuditSegmentCodec.encode(captured)).isEqualTo(AuditSegmentCodec.encode(made));
        assertThat(AuditSegmentCodec.decode(AuditSegmentCodec.encode(captured)))
                .isEqualTo(made.stream().map(AuditSegmentCodecTest::asStored).toList());
    }

    private static String copy(String s) {
        return s == null ? null : new String(s.toCharArray());
    }

    private static AuditEvent withoutId(AuditEvent e) {
        return new AuditEvent("", e.tenantId(), e.workspaceId(), e.actorClientId(), e.actorSubject(), e.action(),
                e.objectType(), e.objectId(), e.ip(), e.userAgent(), e.details(), e.createdAt());
    }
}
