package dev.latchkey.manage;

import dev.latchkey.support.ApiException;
import dev.latchkey.workspace.WorkspaceRepository;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks shared by scopes and services: ids (1-64 letters, digits, {@code -}, {@code _}, {@code .}),
 * scope names (an RFC 6749 §3.3 scope-token: printable ASCII without space, {@code "} or {@code \}),
 * display names, the tenant of the body, the workspace's existence. Failures are 400 naming the field,
 * 404 for a workspace that is not in the tenant.
 */
final class ScopeRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,255}");
    static final int MAX_NAME = 255;

    private ScopeRules() {
    }

    static String idOrGenerated(String given, String generated) {
        String id = blank(given) ? generated : given;
        if (!ID.matcher(id).matches()) {
            throw invalid("id", "id must be 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit");
        }
        return id;
    }

    static void scopeName(String name) {
        if (name == null || !SCOPE_TOKEN.matcher(name).matches()) {
            throw invalid("name", "name is required: 1-255 printable ASCII characters without spaces, '\"' or '\\'");
        }
    }

    static void requiredName(String field, String name) {
        if (blank(name) || name.length() > MAX_NAME) {
            throw invalid(field, field + " is required (at most " + MAX_NAME + " characters)");
        }
    }

    static void sameTenant(String given, String tenantId) {
        if (!blank(given) && !given.equals(tenantId)) {
            throw invalid("tenant_id", "tenant_id does not match the path");
        }
    }

    static void requireWorkspace(WorkspaceRepository workspaces, String tenantId, String workspaceId) {
        if (workspaces.find(tenantId, workspaceId).isEmpty()) {
            throw ApiException.notFound("Workspace not found");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String orNull(String s) {
        return blank(s) ? null : s;
    }

    static ApiException invalid(String field, String message) {
        return new ApiException(400, "bad_request", "The request body is invalid: " + message,
                Map.of("field", field));
    }
}
