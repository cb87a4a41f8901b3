package dev.latchkey.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;

/**
 * The listing's rules applied to events in memory (the segments' events, which no SQL condition can see):
 * the keyset order (time, then id), the position relative to a cursor and the filters of an
 * {@link AuditQuery}, with the same meaning as the SQL of the per-row events: a filter compares with the
 * value as its column keeps it (cut to the column's size, an empty string stored as null).
 */
final class AuditPage {

    /** Time then id, ascending: the order of the listing (descending is its reverse). */
    static final Comparator<AuditEvent> ORDER = Comparator.comparing(AuditEvent::createdAt)
            .thenComparing(AuditEvent::id);

    /** The event a page is relative to: its time and id. */
    record Cursor(Instant at, String id) {
    }

    private static final int ACTOR_MAX = 255;
    private static final int IP_MAX = 100;

    private AuditPage() {
    }

    static Comparator<AuditEvent> order(boolean descending) {
        return descending ? ORDER.reversed() : ORDER;
    }

    /** Whether {@code e} comes after the cursor in the walking direction ({@code cursor} null: every event). */
    static boolean follows(AuditEvent e, Cursor cursor, boolean descending) {
        if (cursor == null) {
            return true;
        }
        int c = e.createdAt().compareTo(cursor.at());
        if (c == 0) {
            c = e.id().compareTo(cursor.id());
        }
        return descending ? c < 0 : c > 0;
    }

    /** Whether {@code e} passes every filter of {@code q} (tenant and workspace are the caller's business). */
    static boolean matches(AuditQuery q, AuditEvent e) {
        return (q.clientId() == null || q.clientId().equals(column(e.actorClientId(), ACTOR_MAX)))
                && (q.subject() == null || q.subject().equals(column(e.actorSubject(), ACTOR_MAX)))
                && (q.ip() == null || q.ip().equals(column(e.ip(), IP_MAX)))
                && (q.eventSubjects().isEmpty() || q.eventSubjects().contains(e.objectType()))
                && (q.actions().isEmpty() || q.actions().contains(e.action()))
                && (q.from() == null || !e.createdAt().isBefore(q.from()))
                && (q.to() == null || !e.createdAt().isAfter(q.to()));
    }

    /**
     * False when a segment whose dictionary (every string its events use) is {@code strings} cannot hold an event
     * that {@link #matches}: a filter's value is in no event of it. Saves decoding the events.
     */
    static boolean mayMatch(AuditQuery q, Collection<String> strings) {
        return present(strings, q.clientId(), ACTOR_MAX) && present(strings, q.subject(), ACTOR_MAX)
                && present(strings, q.ip(), IP_MAX) && any(strings, q.eventSubjects()) && any(strings, q.actions());
    }

    private static boolean present(Collection<String> strings, String value, int max) {
        if (value == null || strings.contains(value)) {
            return true;
        }
        for (String s : strings) { // a value longer than its column matches by its first characters
            if (s.length() > max && s.startsWith(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(Collection<String> strings, Collection<String> values) {
        if (values.isEmpty()) {
            return true;
        }
        for (String value : values) {
            if (strings.contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** A value as its column keeps it: cut to {@code max}, empty as null. */
    static String column(String value, int max) {
        return value == null || value.isEmpty() ? null : value.length() <= max ? value : value.substring(0, max);
    }
}
