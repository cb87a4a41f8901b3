package dev.latchkey.audit;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Audit events over JDBI: one row per event in {@code audit_events}, the event as JSON in {@code doc} and
 * the columns the listing filters on beside it (values cut to the columns' sizes; the document keeps them
 * whole). {@link #record} joins the caller's transaction. These are the management API's changes (and the
 * security events of versions before V18); the security events are in segments
 * ({@link JdbiAuditSegmentRepository}), and {@link AuditEvents} reads both.
 */
public final class JdbiAuditRepository implements AuditLog {

    private static final String INSERT = """
            INSERT INTO audit_events (id, tenant_id, workspace_id, action, object_type, object_id, client_id,
                                      subject, ip, doc, created_at)
            VALUES (:id, :tid, :aid, :action, :type, :oid, :client, :subject, :ip, :doc, :at)""";

    private final Jdbi jdbi;

    public JdbiAuditRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(AuditEvent event) {
        jdbi.useHandle(h -> bind(h.createUpdate(INSERT), event).execute());
    }

    /** The time of the workspace's event {@code id} (the admin workspace: also the tenant-wide ones), if any. */
    public Optional<Instant> createdAt(String tenantId, String workspaceId, String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT created_at FROM audit_events WHERE tenant_id = :tid AND "
                        + workspace(workspaceId) + " AND id = :id")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("id", eventId)
                .mapTo(java.time.OffsetDateTime.class).findOne().map(java.time.OffsetDateTime::toInstant));
    }

    /**
     * At most {@code q.limit()} of the workspace's events that match {@code q}'s filters and follow {@code cursor}
     * (null: from the start) in the walking order ({@code descending} or not).
     */
    public List<AuditEvent> page(AuditQuery q, boolean descending, AuditPage.Cursor cursor) {
        StringBuilder sql = new StringBuilder("SELECT doc FROM audit_events WHERE tenant_id = :tid AND ")
                .append(workspace(q.workspaceId()));
        if (q.clientId() != null) {
            sql.append(" AND client_id = :client");
        }
        if (q.subject() != null) {
            sql.append(" AND subject = :subject");
        }
        if (q.ip() != null) {
            sql.append(" AND ip = :ip");
        }
        if (!q.eventSubjects().isEmpty()) {
            sql.append(" AND object_type IN (<subjects>)");
        }
        if (!q.actions().isEmpty()) {
            sql.append(" AND action IN (<actions>)");
        }
        if (q.from() != null) {
            sql.append(" AND created_at >= :from");
        }
        if (q.to() != null) {
            sql.append(" AND created_at <= :to");
        }
        if (cursor != null) {
            String cmp = descending ? "<" : ">";
            sql.append(" AND (created_at ").append(cmp).append(" :cursor_at OR (created_at = :cursor_at AND id ")
                    .append(cmp).append(" :cursor))");
        }
        String direction = descending ? " DESC" : " ASC";
        sql.append(" ORDER BY created_at").append(direction).append(", id").append(direction).append(" LIMIT :limit");
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("tid", q.tenantId()).bind("aid", q.workspaceId())
                    .bind("limit", q.limit());
            if (q.clientId() != null) {
                query.bind("client", q.clientId());
            }
            if (q.subject() != null) {
                query.bind("subject", q.subject());
            }
            if (q.ip() != null) {
                query.bind("ip", q.ip());
            }
            if (!q.eventSubjects().isEmpty()) {
                query.bindList("subjects", q.eventSubjects());
            }
            if (!q.actions().isEmpty()) {
                query.bindList("actions", q.actions());
            }
            if (q.from() != null) {
                query.bind("from", q.from());
            }
            if (q.to() != null) {
                query.bind("to", q.to());
            }
            if (cursor != null) {
                query.bind("cursor", cursor.id()).bind("cursor_at", cursor.at());
            }
            return query.mapTo(String.class).map(doc -> Json.read(doc, AuditEvent.class)).list();
        });
    }

    /** The workspace condition: the admin workspace also holds the events of no workspace (tenant-wide ones). */
    static String workspace(String workspaceId) {
        return "admin".equals(workspaceId) ? "(workspace_id = :aid OR workspace_id IS NULL)" : "workspace_id = :aid";
    }

    /** Binds the event, its time cut to microseconds (what the databases keep), so that doc and column agree. */
    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(S statement, AuditEvent original) {
        AuditEvent event = original.createdAt().getNano() % 1000 == 0 ? original : new AuditEvent(original.id(),
                original.tenantId(), original.workspaceId(), original.actorClientId(), original.actorSubject(),
                original.action(), original.objectType(), original.objectId(), original.ip(), original.userAgent(),
                original.details(), original.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        return statement.bind("id", event.id()).bind("tid", event.tenantId()).bind("aid", event.workspaceId())
                .bind("action", event.action()).bind("type", event.objectType())
                .bind("oid", AuditPage.column(event.objectId(), 255))
                .bind("client", AuditPage.column(event.actorClientId(), 255))
                .bind("subject", AuditPage.column(event.actorSubject(), 255)).bind("ip", AuditPage.column(event.ip(), 100))
                .bind("doc", Json.write(event)).bind("at", event.createdAt());
    }
}
