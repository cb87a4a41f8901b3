package dev.latchkey.manage;

import dev.latchkey.support.ApiException;
import dev.latchkey.workspace.WorkspaceQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query parameters of listAuthorizationServers and listWorkspaces, as given, and their checks. The
 * spec describes {@code server_types} as types "to be filtered out" but defaults it to every type; Latchkey
 * reads it as the types to list (the only reading under which the default lists anything). Sort fields:
 * {@code id} (the default), {@code name}, {@code type}, {@code created_at}; order {@code asc} (default) or
 * {@code desc}; {@code limit} 1 to 100 (default 20). Booleans parse as Go's {@code strconv.ParseBool}.
 *
 * @param types   comma-separated workspace types; null or blank for all
 * @param themeId listWorkspaces' theme filter: no workspace has a theme yet, so any value lists nothing
 */
public record WorkspaceAdminList(String types, String searchPhrase, String afterId, String beforeId, String sort,
                                 String order, String limit, String template, String themeId) {

    static final List<String> TYPES = List.of("admin", "developer", "system", "regular", "organization");
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    /** The repository query these parameters ask for, or a 400 naming the bad parameter. */
    WorkspaceQuery query(String tenantId, Names names) {
        if (blank(afterId) != null && blank(beforeId) != null) {
            throw invalid(names.after(), names.after() + " and " + names.before() + " cannot be used together");
        }
        return new WorkspaceQuery(tenantId, types(names.types()), blank(searchPhrase), bool(template, "template"),
                sortField(), descending(), blank(afterId), blank(beforeId), pageSize());
    }

    /** Whether a theme filter excludes every workspace. */
    boolean matchesNothing() {
        return blank(themeId) != null;
    }

    /** The API names of the parameters (servers and workspaces name them differently). */
    record Names(String types, String after, String before) {
        static final Names SERVERS = new Names("server_types", "after_server_id", "before_server_id");
        static final Names WORKSPACES = new Names("workspace_types", "after_workspace_id", "before_workspace_id");
    }

    private List<String> types(String parameter) {
        if (blank(types) == null) {
            return TYPES;
        }
        List<String> chosen = new ArrayList<>();
        for (String type : types.split(",")) {
            String t = type.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!TYPES.contains(t)) {
                throw invalid(parameter, parameter + " values must be among " + String.join(", ", TYPES));
            }
            chosen.add(t);
        }
        return chosen.isEmpty() ? TYPES : chosen;
    }

    private WorkspaceQuery.Sort sortField() {
        if (blank(sort) == null) {
            return WorkspaceQuery.Sort.ID;
        }
        for (WorkspaceQuery.Sort s : WorkspaceQuery.Sort.values()) {
            if (s.apiName().equals(sort)) {
                return s;
            }
        }
        throw invalid("sort", "sort must be one of id, name, type, created_at");
    }

    private boolean descending() {
        if (blank(order) == null) {
            return false;
        }
        return switch (order.toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw invalid("order", "order must be asc or desc");
        };
    }

    private int pageSize() {
        if (blank(limit) == null) {
            return DEFAULT_LIMIT;
        }
        try {
            long value = Long.parseLong(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
    }

    /** Go's strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
    public static Boolean bool(String value, String parameter) {
        if (blank(value) == null) {
            return null;
        }
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw invalid(parameter, parameter + " must be true or false");
        };
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static ApiException invalid(String parameter, String message) {
        return new ApiException(400, "bad_request", "Invalid query parameter: " + message,
                Map.of("parameter", parameter));
    }
}
