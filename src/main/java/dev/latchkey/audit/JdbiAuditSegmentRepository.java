package dev.latchkey.audit;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The security events in {@code audit_segments} (V18), written by the {@link AuditQueue}'s writer: one row per
 * tenant and workspace of a batch, its events in {@code body} ({@link AuditSegmentCodec}), beside it the
 * range of their times and ids. An event thus costs a share of one row with three small index entries
 * instead of a row with six indexes (the cost that made auditing on 58 % dearer per token). Segments are
 * read whole: {@link #page} walks them in time order and stops as soon as no further segment can hold an
 * event of the page; {@link #createdAt} finds an event by the id range. A segment is written only while its
 * tenant exists: events still queued when a tenant is deleted (the writer lingers for fuller batches) are
 * dropped with it instead of outliving it. Thread-safe.
 */
public final class JdbiAuditSegmentRepository {

    private static final String INSERT = """
            INSERT INTO audit_segments (tenant_id, workspace_id, first_at, last_at, first_id, last_id, event_count, body)
            SELECT :tid, :aid, :first_at, :last_at, :first_id, :last_id, :n, :body FROM tenants WHERE id = :tid""";
    /** Segments read per query while walking: most pages need one or two. */
    private static final int CHUNK = 4;

    private final Jdbi jdbi;

    public JdbiAuditSegmentRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private record Key(String tenantId, String workspaceId) {
    }

    private record Segment(long id, Instant firstAt, Instant lastAt, byte[] body) {
    }

    /** Writes the events in one transaction, one segment per tenant and workspace: all or none. */
    public void write(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<Key, List<AuditEvent>> groups = new LinkedHashMap<>();
        for (AuditEvent e : events) {
            groups.computeIfAbsent(new Key(e.tenantId(), e.workspaceId()), k -> new ArrayList<>()).add(e);
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(INSERT);
            for (Map.Entry<Key, List<AuditEvent>> group : groups.entrySet()) {
                List<AuditEvent> segment = group.getValue();
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                String firstId = null;
                String lastId = null;
                for (AuditEvent e : segment) {
                    long at = AuditSegmentCodec.micros(e.createdAt());
                    first = Math.min(first, at);
                    last = Math.max(last, at);
                    firstId = firstId == null || e.id().compareTo(firstId) < 0 ? e.id() : firstId;
                    lastId = lastId == null || e.id().compareTo(lastId) > 0 ? e.id() : lastId;
                }
                batch.bind("tid", group.getKey().tenantId()).bind("aid", group.getKey().workspaceId())
                        .bind("first_at", AuditSegmentCodec.instant(first))
                        .bind("last_at", AuditSegmentCodec.instant(last))
                        .bind("first_id", firstId).bind("last_id", lastId).bind("n", segment.size())
                        .bind("body", AuditSegmentCodec.encode(segment)).add();
            }
            batch.execute();
        });
    }

    /** The time of the workspace's event {@code id} held in a segment, if there is one. */
    public Optional<Instant> createdAt(String tenantId, String workspaceId, String id) {
        List<byte[]> bodies = jdbi.withHandle(h -> h.createQuery("SELECT body FROM audit_segments WHERE tenant_id = :tid"
                        + " AND " + JdbiAuditRepository.workspace(workspaceId) + " AND first_id <= :id AND last_id >= :id")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("id", id).mapTo(byte[].class).list());
        for (byte[] body : bodies) {
            for (AuditEvent e : AuditSegmentCodec.decode(body)) {
                if (e.id().equals(id) && Objects.equals(e.tenantId(), tenantId)) {
                    return Optional.of(e.createdAt());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * At most {@code q.limit()} of the workspace's events that match {@code q}'s filters and follow
     * {@code cursor} (null: from the start), in the walking order ({@code descending} or not).
     */
    public List<AuditEvent> page(AuditQuery q, boolean descending, AuditPage.Cursor cursor) {
        Comparator<AuditEvent> order = AuditPage.order(descending);
        Instant lower = q.from();
        Instant upper = q.to();
        if (cursor != null && descending) {
            upper = upper == null || cursor.at().isBefore(upper) ? cursor.at() : upper;
        } else if (cursor != null) {
            lower = lower == null || cursor.at().isAfter(lower) ? cursor.at() : lower;
        }
        List<AuditEvent> found = new ArrayList<>();
        Segment previous = null;
        while (true) {
            List<Segment> chunk = chunk(q, descending, lower, upper, previous);
            for (Segment segment : chunk) {
                if (found.size() >= q.limit()) {
                    Instant kth = found.get(q.limit() - 1).createdAt();
                    if (descending ? segment.lastAt().isBefore(kth) : segment.firstAt().isAfter(kth)) {
                        return found; // every event of this segment and the next ones comes after the page
                    }
                }
                if (!AuditPage.mayMatch(q, AuditSegmentCodec.strings(segment.body()))) {
                    continue;
                }
                for (AuditEvent e : AuditSegmentCodec.decode(segment.body())) {
                    if (AuditPage.follows(e, cursor, descending) && AuditPage.matches(q, e)) {
                        found.add(e);
                    }
                }
                found.sort(order);
                if (found.size() > q.limit()) {
                    found = new ArrayList<>(found.subList(0, q.limit()));
                }
            }
            if (chunk.size() < CHUNK) {
                return found;
            }
            previous = chunk.getLast();
        }
    }

    /** The next segments in the walking order: ascending by (first_at, id), descending by (last_at, id). */
    private List<Segment> chunk(AuditQuery q, boolean descending, Instant lower, Instant upper, Segment previous) {
        StringBuilder sql = new StringBuilder("SELECT id, first_at, last_at, body FROM audit_segments WHERE tenant_id = :tid"
                + " AND ").append(JdbiAuditRepository.workspace(q.workspaceId()));
        if (lower != null) {
            sql.append(" AND last_at >= :lower");
        }
        if (upper != null) {
            sql.append(" AND first_at <= :upper");
        }
        String at = descending ? "last_at" : "first_at";
        String cmp = descending ? "<" : ">";
        if (previous != null) {
            sql.append(" AND (").append(at).append(' ').append(cmp).append(" :at OR (").append(at)
                    .append(" = :at AND id ").append(cmp).append(" :id))");
        }
        String direction = descending ? " DESC" : " ASC";
        sql.append(" ORDER BY ").append(at).append(direction).append(", id").append(direction).append(" LIMIT ")
                .append(CHUNK);
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("tid", q.tenantId()).bind("aid", q.workspaceId());
            if (lower != null) {
                query.bind("lower", lower);
            }
            if (upper != null) {
                query.bind("upper", upper);
            }
            if (previous != null) {
                query.bind("at", descending ? previous.lastAt() : previous.firstAt()).bind("id", previous.id());
            }
            return query.map((rs, ctx) -> new Segment(rs.getLong("id"),
                    rs.getObject("first_at", java.time.OffsetDateTime.class).toInstant(),
                    rs.getObject("last_at", java.time.OffsetDateTime.class).toInstant(), rs.getBytes("body"))).list();
        });
    }
}
