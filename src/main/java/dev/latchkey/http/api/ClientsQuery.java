package dev.latchkey.http.api;

import static dev.latchkey.http.api.QueryParams.bad;
import static dev.latchkey.http.api.QueryParams.limit;

import dev.latchkey.client.ClientQuery;
import io.helidon.webserver.http.ServerRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The query parameters of {@code listClients}: {@code search_phrase}, {@code type} ({@code internal} /
 * {@code third_party}), {@code application_types} and {@code client_types} (comma-separated or repeated),
 * {@code after_client_id} or {@code before_client_id}, {@code sort} ({@code name}, {@code client_id} (default),
 * {@code issued_at}), {@code order} ({@code asc} (default), {@code desc}) and {@code limit} (1 to 100, default
 * 20). Anything else about them is a 400 naming the parameter.
 */
final class ClientsQuery {

    private static final Set<String> APPLICATION_TYPES =
            Set.of("single_page", "server_web", "mobile_desktop", "service", "legacy", "dcr", "custom", "saml");
    private static final Set<String> CLIENT_TYPES = Set.of("oauth2", "saml");

    private ClientsQuery() {
    }

    static ClientQuery of(ServerRequest req, String tenantId, String workspaceId) {
        String phrase = single(req, "search_phrase");
        if (phrase != null && (phrase.length() > 255 || phrase.chars().anyMatch(Character::isISOControl))) {
            throw bad("search_phrase must be at most 255 characters, without control characters", "search_phrase");
        }
        String type = single(req, "type");
        if (type != null && !type.equals("internal") && !type.equals("third_party")) {
            throw bad("type must be internal or third_party", "type");
        }
        String after = single(req, "after_client_id");
        String before = single(req, "before_client_id");
        if (after != null && before != null) {
            throw bad("Use after_client_id or before_client_id, not both", "before_client_id");
        }
        String sort = single(req, "sort");
        ClientQuery.Sort order = switch (sort == null ? "client_id" : sort) {
            case "name" -> ClientQuery.Sort.NAME;
            case "client_id" -> ClientQuery.Sort.CLIENT_ID;
            case "issued_at" -> ClientQuery.Sort.ISSUED_AT;
            default -> throw bad("sort must be one of name, client_id, issued_at", "sort");
        };
        String direction = single(req, "order");
        if (direction != null && !direction.equalsIgnoreCase("asc") && !direction.equalsIgnoreCase("desc")) {
            throw bad("order must be asc or desc", "order");
        }
        return new ClientQuery(tenantId, workspaceId, phrase == null || phrase.isEmpty() ? null : phrase,
                list(req, "client_types", CLIENT_TYPES), list(req, "application_types", APPLICATION_TYPES),
                type == null ? null : type.equals("third_party"), order,
                direction != null && direction.equalsIgnoreCase("desc"), after, before, limit(single(req, "limit")));
    }

    /** A query parameter's value, null when absent or empty; given twice it is a 400. */
    static String single(ServerRequest req, String name) {
        if (!req.query().contains(name)) {
            return null;
        }
        List<String> values = req.query().all(name);
        if (values.size() > 1) {
            throw bad(name + " is given more than once", name);
        }
        return values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static List<String> list(ServerRequest req, String name, Set<String> allowed) {
        if (!req.query().contains(name)) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String value : req.query().all(name)) {
            for (String item : value.split(",")) {
                String trimmed = item.trim().toLowerCase(Locale.ROOT);
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!allowed.contains(trimmed)) {
                    throw bad(name + " values must be among " + allowed, name);
                }
                values.add(trimmed);
            }
        }
        return values;
    }
}
