package dev.latchkey.audit;

import java.util.List;

/** Reads a workspace's audit events, a page at a time ({@link AuditQuery}). */
public interface AuditEventReader {

    List<AuditEvent> list(AuditQuery query);

    /** True when the event is among the workspace's events (the admin workspace: also the tenant-wide ones). */
    boolean exists(String tenantId, String workspaceId, String eventId);
}
