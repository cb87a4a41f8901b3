package dev.latchkey.audit;

import java.time.Instant;
import java.util.List;

/**
 * A page of a workspace's audit events: the filters (null or empty: not filtered), ordered by time then id,
 * {@code descending} or not; {@code afterEventId} gives the events that follow that one in this order,
 * {@code beforeEventId} those that precede it (at most one of the two), at most {@code limit}. The workspace
 * {@code admin} also holds the tenant's events that belong to no workspace.
 */
public record AuditQuery(String tenantId, String workspaceId, String clientId, String subject, String ip,
                         List<String> eventSubjects, List<String> actions, Instant from, Instant to,
                         String afterEventId, String beforeEventId, boolean descending, int limit) {

    public AuditQuery {
        eventSubjects = eventSubjects == null ? List.of() : List.copyOf(eventSubjects);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** The event the page is relative to, or null. */
    public String cursor() {
        return afterEventId != null ? afterEventId : beforeEventId;
    }
}
