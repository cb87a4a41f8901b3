package dev.latchkey.store;

import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every SQL statement the server executes through JDBI (and those a plain-JDBC writer reports), and
 * apart those executed while serving requests (on virtual threads, which carry every request; background
 * work — the audit writer, the change bus, housekeeping, key rotation, start-up — runs on platform threads).
 * Exposed as the metric
 * {@code latchkey_db_statements_total}; tests use {@link #onRequestThreads()} to prove that warm hot paths
 * touch no database, whatever the background writes meanwhile.
 */
public final class StatementCounter implements SqlLogger {

    private final LongAdder count = new LongAdder();
    private final LongAdder onRequests = new LongAdder();

    @Override
    public void logBeforeExecution(StatementContext context) {
        count.increment();
        if (Thread.currentThread().isVirtual()) {
            onRequests.increment();
        }
    }

    /** One statement executed with plain JDBC ({@link Database#connection}), not through JDBI. */
    public void executedOutsideJdbi() {
        logBeforeExecution(null);
    }

    public long total() {
        return count.sum();
    }

    /** Statements executed on request (virtual) threads. */
    public long onRequestThreads() {
        return onRequests.sum();
    }
}
