package dev.latchkey.keys;

import java.time.Instant;

/**
 * Cloudentity's {@code AutomaticKeyRotation}: the request and response of
 * {@code /servers/{wid}/keys/automatic-key-rotation}. {@code enabled} and {@code cron} are required in a
 * request; {@code scheduled_at} (the next rotation, computed) is read-only and ignored in a request.
 */
public record AutomaticKeyRotation(Boolean enabled, String cron, Instant startingFrom, Instant scheduledAt) {

    /** The settings of a workspace that never set any: disabled, no schedule. */
    public static AutomaticKeyRotation disabled() {
        return new AutomaticKeyRotation(false, "", null, null);
    }

    public static AutomaticKeyRotation of(KeySchedule schedule) {
        return new AutomaticKeyRotation(schedule.enabled(), schedule.cron(), schedule.startingFrom(),
                schedule.scheduledAt());
    }
}
