package dev.latchkey.oauth;

import com.nimbusds.oauth2.sdk.util.URLUtils;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} request body. RFC 6749 §3.2: "Request
 * and response parameters MUST NOT be included more than once", so a repeated parameter is rejected
 * here, once, for every endpoint. Empty values count as absent (§3.1). Immutable.
 */
public final class FormParams {

    private final Map<String, String> values;

    private FormParams(Map<String, String> values) {
        this.values = values;
    }

    public static FormParams parse(String body) {
        Map<String, List<String>> parsed = URLUtils.parseParameters(body == null ? "" : body);
        Map<String, String> single = new HashMap<>(2 * parsed.size());
        for (Map.Entry<String, List<String>> entry : parsed.entrySet()) {
            if (entry.getValue().size() > 1) {
                throw OAuthException.invalidRequest("The request includes the parameter '" + safe(entry.getKey())
                        + "' more than once");
            }
            String value = entry.getValue().isEmpty() ? "" : entry.getValue().get(0);
            if (value != null && !value.isEmpty()) {
                single.put(entry.getKey(), value);
            }
        }
        return new FormParams(Collections.unmodifiableMap(single)); // no copy: nobody else holds it
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Every parameter with a value, by name (an unmodifiable map). */
    public Map<String, String> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    private static String safe(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) : name;
        return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
