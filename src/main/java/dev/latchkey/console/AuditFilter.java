package dev.latchkey.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The audit page's filters as typed (shown again in the GET form, kept in its "Older" and "Newer" links), named as
 * the Admin API's {@code listAuditEvents} parameters, which read and check them: the console does not parse them.
 */
public final class AuditFilter {

    /** The form's fields, in the order of the form. */
    public static final List<String> FIELDS = List.of("event_action", "event_subject", "client_id", "subject", "ip",
            "timestamp_from", "timestamp_to");

    private final Map<String, String> values;

    private AuditFilter(Map<String, String> values) {
        this.values = values;
    }

    /** The filters among a request's query parameters ({@code value(name)}: the first value, or null). */
    public static AuditFilter of(java.util.function.Function<String, String> value) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String v = value.apply(field);
            values.put(field, v == null ? "" : v);
        }
        return new AuditFilter(values);
    }

    public String get(String field) {
        return values.getOrDefault(field, "");
    }

    /** The query string of these filters plus {@code cursor}={@code eventId} (a page's link). */
    public String query(String cursor, String eventId) {
        StringJoiner q = new StringJoiner("&", "?", "");
        values.forEach((name, value) -> {
            if (!value.isEmpty()) {
                q.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        q.add(cursor + "=" + URLEncoder.encode(eventId, StandardCharsets.UTF_8));
        return q.toString();
    }
}
