package dev.latchkey.audit;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Audit events over JDBI: one row per event in {@code audit_events}, the event as JSON in {@code doc} and
 * the columns the listing filters on beside it (values cut to the columns' sizes; the document keeps them
 * whole). {@link #record} joins the caller's transaction; {@link #recordAll} writes a batch in one of its own.
 */
public final class JdbiAuditRepository implements AuditLog, AuditEventReader {

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

    /** Writes the events in one transaction: all or none. */
    public void recordAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(INSERT);
            for (AuditEvent event : events) {
                bind(batch, event).add();
            }
            batch.execute();
        });
    }

    @Override
    public boolean exists(String tenantId, String workspaceId, String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_events WHERE tenant_id = :tid AND "
                        + workspace(workspaceId) + " AND id = :id")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("id", eventId).mapTo(Long.class).one() > 0);
    }

    @Override
    public List<AuditEvent> list(AuditQuery q) {
        // "before" a cursor: walk from it the other way, then turn the page round
        boolean backwards = q.beforeEventId() != null;
        boolean descending = q.descending() != backwards;
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
        if (q.cursor() != null) {
            String cmp = descending ? "<" : ">";
            String at = "(SELECT c.created_at FROM audit_events c WHERE c.tenant_id = :tid AND c.id = :cursor)";
            sql.append(" AND (created_at ").append(cmp).append(' ').append(at)
                    .append(" OR (created_at = ").append(at).append(" AND id ").append(cmp).append(" :cursor))");
        }
        String direction = descending ? " DESC" : " ASC";
        sql.append(" ORDER BY created_at").append(direction).append(", id").append(direction).append(" LIMIT :limit");
        List<AuditEvent> page = jdbi.withHandle(h -> {
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
            if (q.cursor() != null) {
                query.bind("cursor", q.cursor());
            }
            return query.mapTo(String.class).map(doc -> Json.read(doc, AuditEvent.class)).list();
        });
        if (backwards) {
            page = new ArrayList<>(page);
            Collections.reverse(page);
        }
        return page;
    }

    /** The workspace condition: the admin workspace also holds the events of no workspace (tenant-wide ones). */
    private static String workspace(String workspaceId) {
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
                .bind("oid", cut(event.objectId(), 255)).bind("client", cut(event.actorClientId(), 255))
                .bind("subject", cut(event.actorSubject(), 255)).bind("ip", cut(event.ip(), 100))
                .bind("doc", Json.write(event)).bind("at", event.createdAt());
    }

    private static String cut(String value, int max) {
        return value == null || value.isEmpty() ? null : value.length() <= max ? value : value.substring(0, max);
    }

}
