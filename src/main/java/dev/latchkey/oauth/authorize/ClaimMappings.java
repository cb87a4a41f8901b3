package dev.latchkey.oauth.authorize;

import dev.latchkey.idp.IdpParts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the authentication context of a user from what the IDP knows (for a static IDP, the mock
 * user's {@code authentication_context}) with the IDP's {@code mappings}, in the spirit of Cloudentity's
 * attribute mapping and kept simple:
 * <ul>
 *   <li>{@code source} and {@code target} are dotted paths ({@code address.country}); {@code .} is the
 *       whole object. Source {@code .} to target {@code .} (the seed's mapping) copies everything.</li>
 *   <li>A mapping with a {@code static} value sets that value, whatever the source.</li>
 *   <li>{@code type} converts the value: {@code string}, {@code number}, {@code bool}, the {@code _array}
 *       types (a single value becomes a one-element array), {@code any} keeps it. A value that cannot be
 *       converted is left out (with {@code allow_weak_decoding}, strings such as {@code "12"} or
 *       {@code "true"} are decoded; without it only values of the right JSON type pass).</li>
 *   <li>A missing source value maps to nothing. No mappings at all: the context is taken unchanged.</li>
 * </ul>
 */
final class ClaimMappings {

    private ClaimMappings() {
    }

    static Map<String, Object> apply(List<IdpParts.Mapping> mappings, Map<String, Object> source) {
        if (mappings == null || mappings.isEmpty()) {
            return new LinkedHashMap<>(source);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (IdpParts.Mapping m : mappings) {
            Object value = m.staticValue() != null ? m.staticValue() : read(source, m.source());
            if (value == null) {
                continue;
            }
            Object converted = convert(value, m.type() == null ? "any" : m.type(), m.allowWeakDecoding());
            if (converted != null) {
                write(out, m.target() == null ? "." : m.target(), converted);
            }
        }
        return out;
    }

    private static Object read(Map<String, Object> source, String path) {
        if (path == null || path.equals(".") || path.isEmpty()) {
            return source;
        }
        Object current = source;
        for (String part : path.replaceFirst("^\\.", "").split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static void write(Map<String, Object> out, String path, Object value) {
        if (path.equals(".") || path.isEmpty()) {
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> out.put(String.valueOf(k), v));
            }
            return;
        }
        String[] parts = path.replaceFirst("^\\.", "").split("\\.");
        Map<String, Object> current = out;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = current.get(parts[i]);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                current.put(parts[i], next);
            }
            current = (Map<String, Object>) next;
        }
        current.put(parts[parts.length - 1], value);
    }

    private static Object convert(Object value, String type, boolean weak) {
        if (type.endsWith("_array")) {
            String element = type.substring(0, type.length() - "_array".length());
            List<Object> items = new ArrayList<>();
            for (Object item : value instanceof List<?> list ? list : List.of(value)) {
                Object converted = convert(item, element, weak);
                if (converted == null) {
                    return null;
                }
                items.add(converted);
            }
            return items;
        }
        return switch (type) {
            case "string" -> value instanceof String || (weak && (value instanceof Number || value instanceof Boolean))
                    ? String.valueOf(value) : null;
            case "number" -> value instanceof Number ? value : weak && value instanceof String s ? number(s) : null;
            case "bool" -> value instanceof Boolean ? value
                    : weak && value instanceof String s && (s.equals("true") || s.equals("false"))
                    ? Boolean.valueOf(s) : null;
            default -> value;
        };
    }

    private static Object number(String s) {
        try {
            return s.contains(".") ? (Object) Double.valueOf(s) : (Object) Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
