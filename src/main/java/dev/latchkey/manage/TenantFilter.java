package dev.latchkey.manage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import dev.latchkey.tenant.Tenant;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * listTenants' {@code query}: a JSON object such as {@code {"metadata": {"registration_identifier":
 * "john.doe@example.com"}}}. Only {@code metadata} is supported: every key given must match the tenant's
 * metadata value of that key (logical AND) — a simple value (string, number, boolean, null) equals the
 * tenant's value, or is contained in it when the tenant's value is an array; an array given is contained
 * in the tenant's array (every element). Anything else (another member, an object value, malformed JSON)
 * is 400. Stateless.
 */
final class TenantFilter {

    private TenantFilter() {
    }

    static Predicate<Tenant> parse(String query) {
        if (query == null || query.isBlank()) {
            return tenant -> true;
        }
        JsonNode filter;
        try {
            filter = Json.MAPPER.readTree(query);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("query is not valid JSON");
        }
        if (filter == null || !filter.isObject()) {
            throw ApiException.badRequest("query must be a JSON object");
        }
        for (Iterator<String> names = filter.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("metadata")) {
                throw ApiException.badRequest("query: unsupported filter '" + cut(name) + "' (only metadata)");
            }
        }
        JsonNode metadata = filter.get("metadata");
        if (metadata == null || metadata.isNull()) {
            return tenant -> true;
        }
        if (!metadata.isObject()) {
            throw ApiException.badRequest("query: metadata must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isObject()) {
                throw ApiException.badRequest("query: metadata." + cut(entry.getKey())
                        + ": objects are not supported, only simple values and arrays");
            }
        }
        return tenant -> matches(tenant.metadata(), metadata);
    }

    private static boolean matches(JsonNode actual, JsonNode wanted) {
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = actual == null || !actual.isObject() ? null : actual.get(entry.getKey());
            if (value == null || !matchesValue(value, entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesValue(JsonNode value, JsonNode wanted) {
        if (wanted.isArray()) {
            if (!value.isArray()) {
                return false;
            }
            for (JsonNode element : wanted) {
                if (!contains(value, element)) {
                    return false;
                }
            }
            return true;
        }
        return value.isArray() ? contains(value, wanted) : same(value, wanted);
    }

    private static boolean contains(JsonNode array, JsonNode wanted) {
        for (JsonNode element : array) {
            if (same(element, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
