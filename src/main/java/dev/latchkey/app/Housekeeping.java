package dev.latchkey.app;

import dev.latchkey.store.ExpiredRows;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Background chores of a node: sweeping expired rows every ten minutes (the first a minute after start). */
final class Housekeeping implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Housekeeping.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("latchkey-housekeeping").factory());

    Housekeeping(ExpiredRows expiredRows) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                Map<String, Integer> deleted = expiredRows.sweep();
                int total = deleted.values().stream().mapToInt(Integer::intValue).sum();
                if (total > 0) {
                    LOG.info("housekeeping: deleted {} expired rows {}", total, deleted);
                }
            } catch (RuntimeException e) {
                LOG.warn("housekeeping: sweeping expired rows failed: {}", e.getMessage());
            }
        }, 1, 10, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
