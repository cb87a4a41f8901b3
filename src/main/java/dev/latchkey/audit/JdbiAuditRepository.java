package dev.latchkey.audit;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

/** {@link AuditLog} over JDBI: one row per event in {@code audit_events}. */
public final class JdbiAuditRepository implements AuditLog {

    private final Jdbi jdbi;

    public JdbiAuditRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(AuditEvent event) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO audit_events (id, tenant_id, workspace_id, action, object_type, object_id, doc, created_at)
                        VALUES (:id, :tid, :aid, :action, :type, :oid, :doc, :at)""")
                .bind("id", event.id()).bind("tid", event.tenantId()).bind("aid", event.workspaceId())
                .bind("action", event.action()).bind("type", event.objectType()).bind("oid", event.objectId())
                .bind("doc", Json.write(event)).bind("at", event.createdAt()).execute());
    }
}
