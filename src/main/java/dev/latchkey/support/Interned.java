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

    private static final int RECENT = 1024; // slots of recent(), a power of two
    private static final String[] RECENT_SLOTS = new String[RECENT];

    private Interned() {
    }

    /**
     * {@code value}, or an equal string {@code recent} returned before: the one its hash slot holds, if equal; else
     * {@code value} takes the slot. Not a pool: a slot holds one string, a newcomer replaces it, nothing grows, so
     * it suits strings that are new per request but mostly equal to the previous request's (a user agent, a scope)
     * where {@link #string} would fill the JVM's table. The audit capture of the token endpoint uses it while the
     * strings are in the request thread's cache, so that the audit writer, a quarter of a second later on another
     * core, finds them equal by reference instead of reading two cold objects per string (and young collections
     * copy fewer queued objects). Thread-safe: strings are immutable with final fields, so a slot read by another
     * thread holds one string or the other, whole.
     */
    public static String recent(String value) {
        if (value == null) {
            return null;
        }
        int h = value.hashCode();
        int i = (h ^ (h >>> 16)) & (RECENT - 1);
        String seen = RECENT_SLOTS[i];
        if (seen != null && (seen == value || seen.equals(value))) {
            return seen;
        }
        RECENT_SLOTS[i] = value;
        return value;
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
