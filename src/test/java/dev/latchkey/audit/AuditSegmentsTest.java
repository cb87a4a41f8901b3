package dev.latchkey.audit;

import dev.latchkey.support.Xid;
import dev.latchkey.tenant.JdbiTenantRepository;
import dev.latchkey.testing.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security events in segments beside per-row events, on the real database (H2, or PostgreSQL in the PostgreSQL
 * pass): a listing merges both in (time, id) order with every filter, and paging walks every event exactly once
 * in both orders and both directions across overlapping segments, equal times and both stores; a cursor is found
 * in either store but only in its own workspace; deleting a tenant removes its segments and no other tenant's;
 * no segment is written for a tenant that does not exist (events still queued when it was deleted); workspaces with
 * few events in a batch share a segment, and each lists only its own events of it.
 */
class AuditSegmentsTest {

    static TestServer server;
    static Jdbi jdbi;
    static JdbiAuditRepository rows;
    static JdbiAuditSegmentRepository segments;
    static AuditEvents events;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbi = server.server().database().jdbi();
        rows = new JdbiAuditRepository(jdbi);
        segments = new JdbiAuditSegmentRepository(server.server().database());
        events = new AuditEvents(rows, segments);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A tenant's events: every fifth one a row (an id like the management API's), the others in segments. */
    static List<AuditEvent> recordEvents(String tenant, int n, long seed) {
        // segments are written only for a tenant that exists
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO tenants (id, doc, created_at, updated_at) VALUES (:id, '{}', "
                + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").bind("id", tenant).execute());
        Random random = new Random(seed);
        Xid ids = new Xid(Clock.systemUTC(), new java.security.SecureRandom());
        Instant at = Instant.parse("2026-11-27T10:00:00.123456789Z");
        List<AuditEvent> all = new ArrayList<>();
        List<AuditEvent> queued = new ArrayList<>();
        String[][] kinds = {{"access_token", "issued"}, {"client", "failed"}, {"login", "accepted"}, {"login", "failed"}};
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3) > 0) { // a third share their time with the one before
                at = at.plus(Duration.ofNanos(random.nextInt(900_000_000)));
            }
            String workspace = switch (random.nextInt(10)) {
                case 0 -> "w2";
                case 1 -> null;
                case 2 -> "admin";
                default -> "w1";
            };
            String[] kind = kinds[random.nextInt(kinds.length)];
            boolean row = i % 5 == 0;
            AuditEvent e = new AuditEvent(row ? UUID.randomUUID().toString() : ids.next(), tenant, workspace,
                    "c" + random.nextInt(3), random.nextInt(5) == 0 ? null : "s" + random.nextInt(4), kind[1], kind[0],
                    "o" + i, "10.0.0." + (1 + random.nextInt(2)), "agent", Map.of("n", i), at);
            all.add(e);
            if (row) {
                rows.record(e);
            } else {
                queued.add(e);
            }
        }
        // batches of several sizes, each in an order of its own: segments overlap in time
        for (int i = 0; i < queued.size(); ) {
            int size = 1 + random.nextInt(25);
            List<AuditEvent> batch = new ArrayList<>(queued.subList(i, Math.min(queued.size(), i + size)));
            Collections.shuffle(batch, random);
            segments.write(batch);
            i += size;
        }
        return all.stream().map(AuditSegmentCodecTest::asStored).toList();
    }

    @Test
    void listingsMergeBothStoresWithEveryFilterAndPagingWalksEveryEventOnce() {
        String tenant = "seg-list";
        List<AuditEvent> all = recordEvents(tenant, 240, 42);
        Instant from = all.get(60).createdAt();
        Instant to = all.get(180).createdAt();
        List<Map.Entry<AuditQuery, Predicate<AuditEvent>>> queries = List.of(
                query(tenant, "w1", null, null, null, List.of(), List.of(), null, null, e -> true),
                query(tenant, "admin", null, null, null, List.of(), List.of(), null, null, e -> true),
                query(tenant, "w1", "c1", null, null, List.of(), List.of(), null, null,
                        e -> e.actorClientId().equals("c1")),
                query(tenant, "w1", null, "s2", null, List.of(), List.of(), null, null, e -> "s2".equals(e.actorSubject())),
                query(tenant, "w1", null, null, "10.0.0.2", List.of(), List.of(), null, null,
                        e -> e.ip().equals("10.0.0.2")),
                query(tenant, "w1", null, null, null, List.of("login"), List.of(), null, null,
                        e -> e.objectType().equals("login")),
                query(tenant, "w1", null, null, null, List.of(), List.of("failed", "issued"), null, null,
                        e -> !e.action().equals("accepted")),
                query(tenant, "admin", null, null, null, List.of(), List.of(), from, to,
                        e -> !e.createdAt().isBefore(from) && !e.createdAt().isAfter(to)),
                query(tenant, "w1", "c0", null, "10.0.0.1", List.of("client", "login"), List.of("failed"), from, null,
                        e -> e.actorClientId().equals("c0") && e.ip().equals("10.0.0.1") && e.action().equals("failed")
                                && !e.objectType().equals("access_token") && !e.createdAt().isBefore(from)),
                query(tenant, "w1", "nobody", null, null, List.of(), List.of(), null, null, e -> false));
        for (Map.Entry<AuditQuery, Predicate<AuditEvent>> query : queries) {
            AuditQuery q = query.getKey();
            List<AuditEvent> expected = all.stream()
                    .filter(e -> q.workspaceId().equals(e.workspaceId())
                            || q.workspaceId().equals("admin") && e.workspaceId() == null)
                    .filter(query.getValue()).sorted(AuditPage.ORDER).toList();
            assertThat(events.list(with(q, null, null, false, 1000))).as("%s", q).isEqualTo(expected);
            List<AuditEvent> newestFirst = new ArrayList<>(expected);
            Collections.reverse(newestFirst);
            assertThat(events.list(with(q, null, null, true, 1000))).isEqualTo(newestFirst);
            for (int limit : List.of(1, 7)) {
                walk(q, false, limit, expected);
                walk(q, true, limit, newestFirst);
            }
        }
    }

    private static void walk(AuditQuery q, boolean descending, int limit, List<AuditEvent> expected) {
        List<AuditEvent> forward = new ArrayList<>();
        List<AuditEvent> page = events.list(with(q, null, null, descending, limit));
        List<AuditEvent> last = page;
        while (!page.isEmpty()) {
            assertThat(page.size()).isLessThanOrEqualTo(limit);
            forward.addAll(page);
            last = page;
            page = events.list(with(q, page.getLast().id(), null, descending, limit));
        }
        assertThat(forward).as("forward %s, descending %s, limit %d", q, descending, limit).isEqualTo(expected);
        List<AuditEvent> backward = new ArrayList<>(last);
        page = last;
        while (!page.isEmpty()) {
            page = events.list(with(q, null, page.getFirst().id(), descending, limit));
            backward.addAll(0, page);
        }
        assertThat(backward).as("backward %s, descending %s, limit %d", q, descending, limit).isEqualTo(expected);
    }

    @Test
    void aCursorIsFoundInEitherStoreOnlyInItsOwnWorkspace() {
        List<AuditEvent> all = recordEvents("seg-find", 60, 7);
        for (AuditEvent e : all) {
            String workspace = e.workspaceId() == null ? "admin" : e.workspaceId();
            assertThat(events.exists("seg-find", workspace, e.id())).as(e.id()).isTrue();
            assertThat(events.exists("seg-find", workspace.equals("w2") ? "w1" : "w2", e.id())).isFalse();
            assertThat(events.exists("seg-other", workspace, e.id())).isFalse();
        }
        assertThat(events.exists("seg-find", "w1", "no-such-event")).isFalse();
        assertThat(events.exists("seg-find", "w1", new Xid(Clock.systemUTC(), new java.security.SecureRandom()).next()))
                .isFalse();
    }

    @Test
    void deletingATenantRemovesItsSegmentsAndNoOtherTenants() {
        recordEvents("seg-gone", 40, 1);
        List<AuditEvent> kept = recordEvents("seg-kept", 40, 2);
        assertThat(segmentCount("seg-gone")).isPositive();
        new JdbiTenantRepository(jdbi).delete("seg-gone");
        assertThat(segmentCount("seg-gone")).isZero();
        assertThat(events.list(new AuditQuery("seg-gone", "w1", null, null, null, null, null, null, null, null, null,
                false, 100))).isEmpty();
        assertThat(events.list(new AuditQuery("seg-kept", "w1", null, null, null, null, null, null, null, null, null,
                false, 100))).hasSize((int) kept.stream().filter(e -> Objects.equals(e.workspaceId(), "w1")).count());
    }

    @Test
    void workspacesWithFewEventsInABatchShareOneSegmentOfTheirTenantAndListOnlyTheirOwn() {
        String tenant = "seg-many";
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO tenants (id, doc, created_at, updated_at) VALUES (:id, '{}', "
                + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").bind("id", tenant).execute());
        Xid ids = new Xid(Clock.systemUTC(), new java.security.SecureRandom());
        Instant at = Instant.parse("2026-11-28T01:00:00Z");
        List<AuditEvent> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // 50 workspaces with two events each (ws-0 none), and one busy workspace
            String workspace = i % 2 == 0 ? "busy" : "ws-" + (i % 100);
            batch.add(new AuditEvent(ids.next(), tenant, workspace, "c", "c", "issued", "access_token", "c",
                    "10.0.0.1", "ua", Map.of("n", i), at.plusMillis(i)));
        }
        segments.write(batch);
        assertThat(segmentCount(tenant)).isEqualTo(2); // the busy workspace's, the tenant's mixed one
        for (String workspace : List.of("busy", "ws-1", "ws-51", "ws-99", "ws-0")) {
            List<AuditEvent> expected = batch.stream().filter(e -> e.workspaceId().equals(workspace))
                    .map(AuditSegmentCodecTest::asStored).sorted(AuditPage.ORDER).toList();
            AuditQuery q = new AuditQuery(tenant, workspace, null, null, null, null, null, null, null, null, null,
                    false, 1000);
            assertThat(events.list(q)).as(workspace).isEqualTo(expected);
            walk(q, true, 1, expected.reversed());
            expected.forEach(e -> assertThat(events.exists(tenant, workspace, e.id())).isTrue());
            expected.forEach(e -> assertThat(events.exists(tenant, "ws-2", e.id())).isFalse());
        }
    }

    @Test
    void eventsOfATenantThatNoLongerExistsAreNotWritten() {
        AuditEvent orphan = new AuditEvent(new Xid(Clock.systemUTC(), new java.security.SecureRandom()).next(), "seg-none",
                "w1", "c1", "c1", "issued", "access_token", "c1", "10.0.0.1", "ua", Map.of(), Instant.now());
        segments.write(List.of(orphan));
        assertThat(segmentCount("seg-none")).isZero();
    }

    private static long segmentCount(String tenant) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_segments WHERE tenant_id = :t")
                .bind("t", tenant).mapTo(Long.class).one());
    }

    private static Map.Entry<AuditQuery, Predicate<AuditEvent>> query(String tenant, String workspace, String client,
            String subject, String ip, List<String> subjects, List<String> actions, Instant from, Instant to,
            Predicate<AuditEvent> expected) {
        return Map.entry(new AuditQuery(tenant, workspace, client, subject, ip, subjects, actions, from, to, null, null,
                false, 100), expected);
    }

    private static AuditQuery with(AuditQuery q, String after, String before, boolean descending, int limit) {
        return new AuditQuery(q.tenantId(), q.workspaceId(), q.clientId(), q.subject(), q.ip(), q.eventSubjects(),
                q.actions(), q.from(), q.to(), after, before, descending, limit);
    }
}
