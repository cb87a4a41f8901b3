package dev.latchkey.manage;

import dev.latchkey.keys.AutomaticKeyRotation;
import dev.latchkey.keys.CronSchedule;
import dev.latchkey.keys.KeySchedule;
import dev.latchkey.keys.KeyScheduleRepository;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Transactions;
import dev.latchkey.support.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Automatic key rotation (getAutomaticKeyRotation, setAutomaticKeyRotation) and the rotations it
 * schedules. A schedule is a five-field cron expression in UTC ({@link CronSchedule}) with an optional
 * {@code starting_from}; {@code scheduled_at} is the next firing time at or after both now and
 * {@code starting_from}, stored so that every node agrees. {@link #rotateDueKeys()} rotates each due
 * workspace once: the rotation's transaction first moves the schedule on with a conditional update
 * (version check), so when several nodes find the same due schedule only one rotates. Thread-safe.
 */
public final class KeyScheduling {

    private static final Logger LOG = LoggerFactory.getLogger(KeyScheduling.class);
    private static final int BATCH = 100;

    private final Transactions transactions;
    private final KeyManagement keys;
    private final KeyScheduleRepository schedules;
    private final Audit audit;
    private final ChangeBus bus;
    private final Clock clock;

    public KeyScheduling(Transactions transactions, KeyManagement keys, KeyScheduleRepository schedules, Audit audit,
                         ChangeBus bus, Clock clock) {
        this.transactions = transactions;
        this.keys = keys;
        this.schedules = schedules;
        this.audit = audit;
        this.bus = bus;
        this.clock = clock;
    }

    public AutomaticKeyRotation settings(String tenantId, String workspaceId, String use) {
        KeyManagement.checkUse(use);
        keys.existing(tenantId, workspaceId);
        return schedules.find(tenantId, workspaceId, use).map(AutomaticKeyRotation::of)
                .orElseGet(AutomaticKeyRotation::disabled);
    }

    /**
     * Replaces the settings. {@code enabled} and {@code cron} are required; the cron expression must be
     * valid when enabled (and when given at all); {@code scheduled_at} in the request is ignored.
     */
    public AutomaticKeyRotation update(Actor actor, String tenantId, String workspaceId, String use,
                                       AutomaticKeyRotation request) {
        KeyManagement.checkUse(use);
        if (request.enabled() == null) {
            throw missing("enabled");
        }
        if (request.cron() == null) {
            throw missing("cron");
        }
        String cron = request.cron().strip();
        CronSchedule schedule = null;
        if (request.enabled() || !cron.isEmpty()) {
            try {
                schedule = CronSchedule.parse(cron);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "bad_request", "Invalid cron expression: " + e.getMessage(),
                        Map.of("field", "cron"));
            }
        }
        keys.existing(tenantId, workspaceId);
        Instant from = request.startingFrom() == null ? null : request.startingFrom().truncatedTo(ChronoUnit.MICROS);
        Instant scheduledAt = request.enabled() ? nextTime(schedule, from, clock.instant()).orElse(null) : null;
        KeySchedule stored = new KeySchedule(tenantId, workspaceId, use, request.enabled(), cron, from, scheduledAt, 0);
        transactions.run(() -> {
            schedules.save(stored);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("enabled", stored.enabled());
            details.put("cron", cron);
            details.put("starting_from", from == null ? null : from.toString());
            details.put("scheduled_at", scheduledAt == null ? null : scheduledAt.toString());
            audit.record(actor, workspaceId, "updated", "key_rotation", use, details);
        });
        bus.publish(new Change("key_rotation", tenantId, workspaceId, use));
        return AutomaticKeyRotation.of(stored);
    }

    /**
     * Rotates the keys of every schedule due by the clock, once each, and moves each schedule to its next
     * time after now (missed times are not caught up). A failing workspace is logged and retried later.
     *
     * @return how many rotations this call made
     */
    public int rotateDueKeys() {
        Instant now = clock.instant();
        int rotated = 0;
        for (KeySchedule due : schedules.due(now, BATCH)) {
            try {
                Instant next = nextTime(CronSchedule.parse(due.cron()), due.startingFrom(), now).orElse(null);
                if (keys.rotateScheduled(due.tenantId(), due.workspaceId(), due.use(),
                        () -> schedules.claim(due, next)).isPresent()) {
                    rotated++;
                }
            } catch (RuntimeException e) {
                LOG.warn("scheduled key rotation of {}/{} ({}) failed; it is retried later", due.tenantId(),
                        due.workspaceId(), due.use(), e);
            }
        }
        return rotated;
    }

    /** The earliest time any schedule is due, if one is enabled. */
    public Optional<Instant> earliest() {
        return schedules.earliest();
    }

    /** The first firing time after {@code now} and at or after {@code startingFrom}. */
    private static Optional<Instant> nextTime(CronSchedule schedule, Instant startingFrom, Instant now) {
        Instant after = startingFrom != null && startingFrom.isAfter(now) ? startingFrom.minusNanos(1) : now;
        return schedule.next(after);
    }

    private static ApiException missing(String field) {
        return new ApiException(400, "bad_request", "The request body is invalid: '" + field + "' is required",
                Map.of("field", field));
    }
}
