package dev.latchkey.audit;

/**
 * An audit event as captured on the request path, made into its {@link AuditEvent} later: by the
 * {@link AuditQueue}'s writer, off the request path. A capture holds only what the event needs, in
 * fields (no id spelled yet, no details map), so that what waits in the queue is small: the queued events live
 * long enough (the writer lingers for fuller batches) for a young collection to copy them.
 */
public interface PendingEvent {

    /** The event (made anew at each call; the same content each time). */
    AuditEvent event();

    /** The event's tenant (as {@code event().tenantId()}, without making the event). */
    String tenantId();

    /** The event's workspace, or null (as {@code event().workspaceId()}). */
    String workspaceId();
}
