package dev.latchkey.app;

import dev.latchkey.grant.TokenRevocations;
import dev.latchkey.store.ExpiredRows;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background chores of a node: sweeping expired rows every ten minutes (the first a minute after start);
 * dropping the revocations of expired tokens from memory every minute, and every ten minutes adding any
 * revocation recorded in the database that a lost notification kept from this node.
 */
final class Housekeeping implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Housekeeping.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("latchkey-housekeeping").factory());

    Housekeeping(ExpiredRows expiredRows, TokenRevocations revocations) {
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
        scheduler.scheduleWithFixedDelay(() -> chore("dropping expired revocations", revocations::sweep),
                1, 1, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(() -> chore("reloading revocations", revocations::refresh),
                10, 10, TimeUnit.MINUTES);
    }

    private static void chore(String name, Runnable chore) {
        try {
            chore.run();
        } catch (RuntimeException e) {
            LOG.warn("housekeeping: {} failed: {}", name, e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
