package dev.latchkey.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The listing of audit events over both stores: the per-row events ({@link JdbiAuditRepository}: the
 * management API's changes) and the segments ({@link JdbiAuditSegmentRepository}: the security events).
 * A page is each store's page from the cursor, merged in the keyset order (time, then id) and cut to the
 * limit; a page "before" a cursor is walked from it the other way and turned round. Thread-safe.
 */
public final class AuditEvents implements AuditEventReader {

    private final JdbiAuditRepository rows;
    private final JdbiAuditSegmentRepository segments;

    public AuditEvents(JdbiAuditRepository rows, JdbiAuditSegmentRepository segments) {
        this.rows = rows;
        this.segments = segments;
    }

    @Override
    public List<AuditEvent> list(AuditQuery q) {
        boolean backwards = q.beforeEventId() != null;
        boolean descending = q.descending() != backwards;
        AuditPage.Cursor cursor = null;
        if (q.cursor() != null) {
            Optional<Instant> at = createdAt(q.tenantId(), q.workspaceId(), q.cursor());
            if (at.isEmpty()) {
                return List.of();
            }
            cursor = new AuditPage.Cursor(at.get(), q.cursor());
        }
        List<AuditEvent> merged = new ArrayList<>(rows.page(q, descending, cursor));
        merged.addAll(segments.page(q, descending, cursor));
        merged.sort(AuditPage.order(descending));
        List<AuditEvent> page = new ArrayList<>(merged.subList(0, Math.min(q.limit(), merged.size())));
        if (backwards) {
            Collections.reverse(page);
        }
        return page;
    }

    @Override
    public boolean exists(String tenantId, String workspaceId, String eventId) {
        return createdAt(tenantId, workspaceId, eventId).isPresent();
    }

    private Optional<Instant> createdAt(String tenantId, String workspaceId, String eventId) {
        Optional<Instant> at = rows.createdAt(tenantId, workspaceId, eventId);
        return at.isPresent() ? at : segments.createdAt(tenantId, workspaceId, eventId);
    }
}
