package dev.latchkey.audit;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The details of a security event: a few entries in the order given, immutable, held in the one array of
 * keys and values. A {@link java.util.LinkedHashMap} costs an object per entry and a table; the events wait
 * in the audit queue long enough (the writer lingers for fuller batches) for a young collection to copy
 * them, so every object an event holds is copied once more. Null values are kept. Thread-safe.
 */
final class Details extends AbstractMap<String, Object> {

    private final Object[] keysAndValues;

    private Details(Object[] keysAndValues) {
        this.keysAndValues = keysAndValues;
    }

    /** The map of {@code key1, value1, key2, value2, ...} (keys: distinct strings), in that order. */
    static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values in pairs");
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String)) {
                throw new IllegalArgumentException("the keys are strings");
            }
        }
        return new Details(keysAndValues);
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    /** The key of entry {@code i} (in the order given): for the segment encoder, without an entry per read. */
    String key(int i) {
        return (String) keysAndValues[2 * i];
    }

    /** The value of entry {@code i}. */
    Object value(int i) {
        return keysAndValues[2 * i + 1];
    }

    @Override
    public Object get(Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i].equals(key)) {
                return keysAndValues[i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i].equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keysAndValues.length / 2;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keysAndValues.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= keysAndValues.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> entry = new SimpleImmutableEntry<>((String) keysAndValues[next],
                                keysAndValues[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }
        };
    }
}
