package dev.latchkey.keys;

import java.time.Instant;

/**
 * The automatic rotation schedule of one workspace's keys of one use, as stored.
 *
 * @param cron         a {@link CronSchedule} expression, UTC; may be empty while disabled
 * @param startingFrom no rotation before this time, if set
 * @param scheduledAt  the next rotation; null while disabled
 * @param version      bumped by every write, so that a due rotation is claimed by one node only
 */
public record KeySchedule(String tenantId, String workspaceId, String use, boolean enabled, String cron,
                          Instant startingFrom, Instant scheduledAt, long version) {
}
