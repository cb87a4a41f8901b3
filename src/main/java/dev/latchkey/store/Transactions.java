package dev.latchkey.store;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: every repository call made inside {@code work}, on the same
 * thread, joins it; all or nothing.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs {@code work} in one transaction; a unique-key violation (a concurrent create of the same id, say)
     * is turned into {@code onDuplicate}'s exception, anything else is rethrown.
     */
    default <T> T inTransactionUnique(Supplier<T> work, Supplier<? extends RuntimeException> onDuplicate) {
        try {
            return inTransaction(work);
        } catch (RuntimeException e) {
            if (Database.isDuplicateKey(e)) {
                throw onDuplicate.get();
            }
            throw e;
        }
    }

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
