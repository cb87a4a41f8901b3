package dev.latchkey.audit;

/**
 * Records audit events. Calls made inside a transaction join it, so a change and its event commit or
 * roll back together.
 */
public interface AuditLog {

    void record(AuditEvent event);

    /** Records an event captured on the request path; a log that does not queue makes it at once. */
    default void record(PendingEvent event) {
        record(event.event());
    }
}
