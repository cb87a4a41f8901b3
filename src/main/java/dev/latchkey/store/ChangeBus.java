package dev.latchkey.store;

import java.util.function.Consumer;

/**
 * Publishes committed changes to every listener of every node. Publish only after the transaction that
 * made the change has committed, so that a listener that reloads sees the new state. Each node calls its
 * listeners in the order they subscribed, one after the other: a cache built on another may rely on that
 * one having dropped an entry before it is told (the workspace contexts remember clients read through the
 * client cache, which subscribes first).
 */
public interface ChangeBus {

    void publish(Change change);

    void subscribe(Consumer<Change> listener);
}
