package dev.latchkey.manage;

import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditLog;
import dev.latchkey.support.SecureRandomness;

import java.time.Clock;
import java.util.Map;

/** Records one audit event per management change, in the caller's transaction. Thread-safe. */
public final class Audit {

    private final AuditLog log;
    private final Clock clock;
    private final SecureRandomness randomness;

    public Audit(AuditLog log, Clock clock, SecureRandomness randomness) {
        this.log = log;
        this.clock = clock;
        this.randomness = randomness;
    }

    /**
     * Records {@code action} ("created", "updated", "deleted", "rotated", ...) on an object. {@code details}
     * must never hold secrets.
     */
    public void record(Actor actor, String workspaceId, String action, String objectType, String objectId,
                       Map<String, Object> details) {
        log.record(new AuditEvent(randomness.uuid(), actor.tenantId(), workspaceId, actor.clientId(),
                actor.subject(), action, objectType, objectId, actor.ip(), actor.userAgent(),
                details == null ? Map.of() : details, clock.instant()));
    }
}
