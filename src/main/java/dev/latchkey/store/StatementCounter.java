package dev.latchkey.store;

import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every SQL statement the server executes through JDBI. Exposed as the metric
 * {@code latchkey_db_statements_total}; tests use it to prove that warm hot paths touch no database.
 */
public final class StatementCounter implements SqlLogger {

    private final LongAdder count = new LongAdder();

    @Override
    public void logBeforeExecution(StatementContext context) {
        count.increment();
    }

    public long total() {
        return count.sum();
    }
}
