package dev.latchkey.audit;

/**
 * Records audit events. Calls made inside a transaction join it, so a change and its event commit or
 * roll back together.
 */
public interface AuditLog {

    void record(AuditEvent event);
}
