package dev.latchkey.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The single-node change bus: listeners are called synchronously on the publishing thread. Thread-safe. */
public final class LocalChangeBus implements ChangeBus {

    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Change change) {
        for (Consumer<Change> listener : listeners) {
            listener.accept(change);
        }
    }

    @Override
    public void subscribe(Consumer<Change> listener) {
        listeners.add(listener);
    }
}
