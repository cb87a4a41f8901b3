package dev.latchkey.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Automatic key rotation schedules. Calls made inside a transaction of the same thread join it. */
public interface KeyScheduleRepository {

    Optional<KeySchedule> find(String tenantId, String workspaceId, String use);

    /** Creates or replaces the schedule of its workspace and use, bumping its version. */
    void save(KeySchedule schedule);

    /** Enabled schedules whose {@code scheduled_at} is at or before {@code now}, earliest first. */
    List<KeySchedule> due(Instant now, int limit);

    /**
     * Moves a due schedule to its next time if it is still at {@code schedule}'s version: true for the one
     * caller (on any node) that wins, false for the others.
     */
    boolean claim(KeySchedule schedule, Instant nextAt);

    /** The earliest {@code scheduled_at} of all enabled schedules, if any. */
    Optional<Instant> earliest();
}
