package dev.latchkey.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance of the values that thousands of cached entities repeat (a tenant id, {@code
 * client_secret_post}, the list {@code [client_credentials]}), for the records the token endpoint reads on
 * every request. With 10,000 workspaces each request reads another workspace's and client's record; a value
 * every record holds its own copy of is then a cache miss (the string, then its bytes) on every comparison,
 * where one shared instance stays in the processor's cache and compares by identity (issue 8). Thread-safe.
 */
public final class Interned {

    /** Distinct lists kept; beyond it, lists are copied as they are (the values stay bounded in memory). */
    static final int MAX_LISTS = 4_096;

    private static final Map<List<String>, List<String>> LISTS = new ConcurrentHashMap<>();

    private Interned() {
    }

    /** The JVM's one instance of {@code value} (null stays null). */
    public static String string(String value) {
        return value == null ? null : value.intern();
    }

    /**
     * An unmodifiable copy of {@code values} with interned elements, the same instance for equal lists (up
     * to {@value #MAX_LISTS} distinct ones). Null elements are refused, as {@link List#copyOf} does.
     */
    public static List<String> list(List<String> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> shared = LISTS.get(values);
        if (shared != null) {
            return shared;
        }
        List<String> copy = values.stream().map(String::intern).toList();
        if (LISTS.size() >= MAX_LISTS) {
            return copy;
        }
        shared = LISTS.putIfAbsent(copy, copy);
        return shared == null ? copy : shared;
    }
}
