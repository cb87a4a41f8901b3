package dev.latchkey.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One recorded action: who ({@code actorClientId}, {@code actorSubject}), what ({@code action} on
 * {@code objectType}/{@code objectId}), where (tenant, workspace), when, and a small payload of details
 * (never secrets).
 */
public record AuditEvent(String id, String tenantId, String workspaceId, String actorClientId, String actorSubject,
                         String action, String objectType, String objectId, String ip, String userAgent,
                         Map<String, Object> details, Instant createdAt) implements PendingEvent {

    /** Itself. */
    @Override
    public AuditEvent event() {
        return this;
    }
}
