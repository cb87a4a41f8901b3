package dev.latchkey.audit;

import dev.latchkey.store.Database;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * dropped with it instead of outliving it.
 *
 * <p>A workspace with fewer than {@link #OWN_SEGMENT_MIN} events in a batch shares one segment of its tenant with
 * the other such workspaces ({@code workspace_id} {@link #MIXED}; issue 8): with requests spread over thousands of
 * workspaces a batch of 500 events would otherwise be ~500 rows, one per event, as before segments. A workspace's
 * listing walks its own segments and its tenant's mixed ones, merged in order, and keeps its events of the latter.
 * Thread-safe.
 */
public final class JdbiAuditSegmentRepository {

    private static final String INSERT = """
            INSERT INTO audit_segments (tenant_id, workspace_id, first_at, last_at, first_id, last_id, event_count, body)
            SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM tenants WHERE id = ?""";
    /** Segments read per query while walking: most pages need one or two. */
    private static final int CHUNK = 4;
    /** The {@code workspace_id} of a segment holding events of several workspaces of its tenant (no id has a '*'). */
    static final String MIXED = "*";
    /** Events of one workspace in a batch from which they get a segment of their own. */
    static final int OWN_SEGMENT_MIN = 8;

    private final Database database;
    private final Jdbi jdbi;
    private final int ownSegmentMin;

    public JdbiAuditSegmentRepository(Database database) {
        this(database, OWN_SEGMENT_MIN);
    }

    /** With another threshold than {@link #OWN_SEGMENT_MIN} (1: a segment per workspace, as before mixed ones). */
    JdbiAuditSegmentRepository(Database database, int ownSegmentMin) {
        this.database = database;
        this.jdbi = database.jdbi();
        this.ownSegmentMin = ownSegmentMin;
    }

    private record Key(String tenantId, String workspaceId) {
    }

    private record Segment(long id, boolean mixed, Instant firstAt, Instant lastAt, byte[] body) {
    }

    /**
     * Writes the events in one transaction, one segment per tenant and workspace, except that the workspaces
     * with fewer than {@link #OWN_SEGMENT_MIN} events share one {@link #MIXED} segment per tenant: all or none.
     * Plain JDBC ({@link Database#connection}): this runs a few times a second, too seldom for JDBI's machinery
     * around one statement to be compiled hot, and it was a quarter of the writer's time.
     */
    public void write(List<? extends PendingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<Key, List<PendingEvent>> groups = segments(events, ownSegmentMin);
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Map.Entry<Key, List<PendingEvent>> group : groups.entrySet()) {
                    AuditSegmentEncoder.Segment segment = AuditSegmentEncoder.encode(group.getValue());
                    insert.setString(1, group.getKey().tenantId());
                    insert.setString(2, group.getKey().workspaceId());
                    insert.setObject(3, utc(segment.firstMicros()));
                    insert.setObject(4, utc(segment.lastMicros()));
                    insert.setString(5, segment.firstId());
                    insert.setString(6, segment.lastId());
                    insert.setInt(7, segment.count());
                    insert.setBytes(8, segment.body());
                    insert.setString(9, group.getKey().tenantId());
                    insert.addBatch();
                }
                database.statements().executedOutsideJdbi();
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback); // the insert's failure is the one to report
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit segments could not be written: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime utc(long micros) {
        return OffsetDateTime.ofInstant(AuditSegmentCodec.instant(micros), ZoneOffset.UTC);
    }

    /** The segments to write: by tenant and workspace, the small groups of a tenant merged into a mixed one. */
    private static Map<Key, List<PendingEvent>> segments(List<? extends PendingEvent> events, int ownSegmentMin) {
        Map<Key, List<PendingEvent>> groups = new LinkedHashMap<>();
        for (PendingEvent e : events) {
            groups.computeIfAbsent(new Key(e.tenantId(), e.workspaceId()), k -> new ArrayList<>()).add(e);
        }
        Map<String, List<Key>> small = new LinkedHashMap<>();
        for (Map.Entry<Key, List<PendingEvent>> group : groups.entrySet()) {
            if (group.getValue().size() < ownSegmentMin) {
                small.computeIfAbsent(group.getKey().tenantId(), t -> new ArrayList<>()).add(group.getKey());
            }
        }
        for (Map.Entry<String, List<Key>> tenant : small.entrySet()) {
            if (tenant.getValue().size() > 1) { // one small group alone keeps its own segment
                List<PendingEvent> mixed = new ArrayList<>();
                for (Key key : tenant.getValue()) {
                    mixed.addAll(groups.remove(key));
                }
                groups.put(new Key(tenant.getKey(), MIXED), mixed);
            }
        }
        return groups;
    }

    /** The time of the workspace's event {@code id} held in a segment, if there is one. */
    public Optional<Instant> createdAt(String tenantId, String workspaceId, String id) {
        List<byte[]> bodies = jdbi.withHandle(h -> h.createQuery("SELECT body FROM audit_segments WHERE tenant_id = :tid"
                        + " AND (" + JdbiAuditRepository.workspace(workspaceId) + " OR workspace_id = :mixed)"
                        + " AND first_id <= :id AND last_id >= :id")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("mixed", MIXED).bind("id", id)
                .mapTo(byte[].class).list());
        for (byte[] body : bodies) {
            for (AuditEvent e : AuditSegmentCodec.decode(body)) {
                if (e.id().equals(id) && Objects.equals(e.tenantId(), tenantId) && inWorkspace(workspaceId, e)) {
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
                java.util.Set<String> strings = AuditSegmentCodec.strings(segment.body());
                if (!AuditPage.mayMatch(q, strings) || segment.mixed() && !"admin".equals(q.workspaceId())
                        && !strings.contains(q.workspaceId())) {
                    continue;
                }
                for (AuditEvent e : AuditSegmentCodec.decode(segment.body())) {
                    if ((!segment.mixed() || inWorkspace(q.workspaceId(), e)) && AuditPage.follows(e, cursor, descending)
                            && AuditPage.matches(q, e)) {
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

    /** Whether {@code e} belongs to the listing of {@code workspaceId} (the admin one: also no workspace). */
    private static boolean inWorkspace(String workspaceId, AuditEvent e) {
        return workspaceId.equals(e.workspaceId()) || "admin".equals(workspaceId) && e.workspaceId() == null;
    }

    /**
     * The next segments in the walking order: ascending by (first_at, id), descending by (last_at, id); the
     * workspace's own and its tenant's mixed ones, each read in its index's order, merged.
     */
    private List<Segment> chunk(AuditQuery q, boolean descending, Instant lower, Instant upper, Segment previous) {
        String conditions = conditions(descending, lower, upper, previous);
        String at = descending ? "last_at" : "first_at";
        String order = " ORDER BY " + at + (descending ? " DESC" : " ASC") + ", id" + (descending ? " DESC" : " ASC")
                + " LIMIT " + CHUNK;
        String columns = "SELECT id, workspace_id, first_at, last_at, body FROM audit_segments WHERE tenant_id = :tid AND ";
        String sql = "SELECT * FROM ((" + columns + JdbiAuditRepository.workspace(q.workspaceId()) + conditions + order
                + ") UNION ALL (" + columns + "workspace_id = :mixed" + conditions + order + ")) s" + order;
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql).bind("tid", q.tenantId()).bind("aid", q.workspaceId()).bind("mixed", MIXED);
            if (lower != null) {
                query.bind("lower", lower);
            }
            if (upper != null) {
                query.bind("upper", upper);
            }
            if (previous != null) {
                query.bind("at", descending ? previous.lastAt() : previous.firstAt()).bind("id", previous.id());
            }
            return query.map((rs, ctx) -> new Segment(rs.getLong("id"), MIXED.equals(rs.getString("workspace_id")),
                    rs.getObject("first_at", java.time.OffsetDateTime.class).toInstant(),
                    rs.getObject("last_at", java.time.OffsetDateTime.class).toInstant(), rs.getBytes("body"))).list();
        });
    }

    /** The time and cursor conditions of {@link #chunk}. */
    private static String conditions(boolean descending, Instant lower, Instant upper, Segment previous) {
        StringBuilder sql = new StringBuilder();
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
        return sql.toString();
    }
}
