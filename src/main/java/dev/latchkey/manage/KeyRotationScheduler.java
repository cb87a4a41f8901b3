package dev.latchkey.manage;

import dev.latchkey.store.ChangeBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries out automatic key rotation: one daemon thread checks every {@value #TICK_SECONDS} seconds
 * whether the earliest schedule is due by the injected clock and, if so, calls
 * {@link KeyScheduling#rotateDueKeys()}. The earliest due time is kept in memory and reloaded only when
 * a schedule changes (a {@code key_rotation} change on the bus, from any node), after rotations, and every
 * ten minutes as a safety net, so an idle server runs no SQL for this (the token hot path stays free of
 * database work). Started by the server and stopped by {@code Latchkey.close()}. Thread-safe.
 */
public final class KeyRotationScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRotationScheduler.class);
    private static final long TICK_SECONDS = 10;
    private static final long REFRESH_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final KeyScheduling scheduling;
    private final Clock clock;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "latchkey-key-rotation");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Instant earliest;
    private volatile long refreshedAt;

    public KeyRotationScheduler(KeyScheduling scheduling, Clock clock, ChangeBus bus) {
        this.scheduling = scheduling;
        this.clock = clock;
        bus.subscribe(change -> {
            if ("key_rotation".equals(change.kind()) || change.isEverything()) {
                stale.set(true);
            }
        });
    }

    /** Loads the earliest due time now and starts the checks (the server calls it once it listens). */
    public void start() {
        refresh();
        executor.scheduleWithFixedDelay(this::tick, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Rotates every workspace whose schedule is due by the clock (also what the timer calls); tests call it
     * after moving a test clock forward.
     *
     * @return how many rotations were made
     */
    public int rotateDueKeys() {
        try {
            return scheduling.rotateDueKeys();
        } finally {
            stale.set(true);
        }
    }

    private void tick() {
        try {
            if (stale.get() || System.nanoTime() - refreshedAt > REFRESH_NANOS) {
                refresh();
            }
            Instant due = earliest;
            if (due != null && !clock.instant().isBefore(due)) {
                rotateDueKeys();
                refresh();
            }
        } catch (RuntimeException e) {
            LOG.warn("automatic key rotation check failed; retrying in {} s", TICK_SECONDS, e);
        }
    }

    private void refresh() {
        stale.set(false);
        earliest = scheduling.earliest().orElse(null);
        refreshedAt = System.nanoTime();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("automatic key rotation did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
