package dev.latchkey.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A submitted console form ({@code application/x-www-form-urlencoded}): every value of every field, in order
 * (check boxes repeat a name). Immutable.
 */
public final class FormData {

    private final Map<String, List<String>> values;

    private FormData(Map<String, List<String>> values) {
        this.values = values;
    }

    public static FormData parse(String body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new FormData(values);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return ""; // a malformed escape: the field reads as empty and its validation speaks
        }
    }

    /** The first value of {@code name}, stripped; empty string when absent. */
    public String get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? "" : v.get(0).strip();
    }

    /** Every non-blank value of {@code name}. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of()).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public boolean checked(String name) {
        return values.containsKey(name);
    }

    /** Non-blank lines of a text area (one value per line). */
    public List<String> lines(String name) {
        return get(name).lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
