package dev.latchkey.store;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: every repository call made inside {@code work}, on the same
 * thread, joins it; all or nothing.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
