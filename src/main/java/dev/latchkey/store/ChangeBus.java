package dev.latchkey.store;

import java.util.function.Consumer;

/**
 * Publishes committed changes to every listener of every node. Publish only after the transaction that
 * made the change has committed, so that a listener that reloads sees the new state.
 */
public interface ChangeBus {

    void publish(Change change);

    void subscribe(Consumer<Change> listener);
}
