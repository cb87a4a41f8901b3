package dev.latchkey.manage;

import dev.latchkey.scope.Service;
import dev.latchkey.support.ApiException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query of {@code listServices}: {@code service_types} (comma separated; default every type),
 * {@code search_phrase} (case-insensitive substring of id or name), keyset paging with
 * {@code after_service_id} / {@code before_service_id}, {@code sort} ({@code name}, {@code id},
 * {@code type}; default {@code name}), {@code order} ({@code asc}, {@code desc}) and {@code limit} (1-100,
 * default 20). Built from the raw query strings; bad values are 400 naming the parameter.
 */
public record ServiceQuery(Set<String> types, String searchPhrase, String afterId, String beforeId, String sort,
                           boolean descending, int limit) {

    public static final List<String> TYPES = List.of("oauth2", "oidc", "system", "user", "openbanking");
    private static final List<String> SORTS = List.of("name", "id", "type");

    public static ServiceQuery parse(String types, String search, String after, String before, String sort,
                                     String order, String limit) {
        Set<String> wanted = types == null || types.isBlank() ? Set.copyOf(TYPES)
                : Arrays.stream(types.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String type : wanted) {
            if (!TYPES.contains(type)) {
                throw invalid("service_types", "service_types must be a comma separated list of " + TYPES);
            }
        }
        String sortField = sort == null || sort.isBlank() ? "name" : sort;
        if (!SORTS.contains(sortField)) {
            throw invalid("sort", "sort must be one of " + SORTS);
        }
        String direction = order == null || order.isBlank() ? "asc" : order.toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw invalid("order", "order must be asc or desc");
        }
        if (after != null && before != null) {
            throw invalid("after_service_id", "after_service_id and before_service_id cannot be used together");
        }
        return new ServiceQuery(wanted, search == null ? "" : search.toLowerCase(Locale.ROOT), after, before,
                sortField, direction.equals("desc"), limit(limit));
    }

    /** Filters, sorts and pages {@code services}. */
    public List<Service> apply(List<Service> services) {
        Comparator<Service> order = Comparator.comparing(this::key).thenComparing(Service::id);
        order = descending ? order.reversed() : order;
        List<Service> matching = services.stream().filter(s -> types.contains(s.type()))
                .filter(s -> s.id().toLowerCase(Locale.ROOT).contains(searchPhrase)
                        || s.name().toLowerCase(Locale.ROOT).contains(searchPhrase))
                .sorted(order).toList();
        String cursor = afterId != null ? afterId : beforeId;
        if (cursor == null) {
            return matching.subList(0, Math.min(limit, matching.size()));
        }
        int at = -1;
        for (int i = 0; i < matching.size(); i++) {
            if (matching.get(i).id().equals(cursor)) {
                at = i;
            }
        }
        if (at < 0) {
            throw invalid(afterId != null ? "after_service_id" : "before_service_id", "no such service in the list");
        }
        List<Service> page = afterId != null ? matching.subList(at + 1, Math.min(matching.size(), at + 1 + limit))
                : matching.subList(Math.max(0, at - limit), at);
        return new ArrayList<>(page);
    }

    private String key(Service s) {
        return switch (sort) {
            case "id" -> s.id();
            case "type" -> s.type();
            default -> s.name();
        };
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 20;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit", "limit must be an integer from 1 to 100");
    }

    private static ApiException invalid(String parameter, String message) {
        return new ApiException(400, "bad_request", message, Map.of("parameter", parameter));
    }
}
