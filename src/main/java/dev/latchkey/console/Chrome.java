package dev.latchkey.console;

/**
 * What every console page shows around its content: the tenant, the workspace being looked at (or null), the
 * signed-in administrator, the session's CSRF token (every POST form carries it), the page's CSP nonce, and
 * which navigation entry is current.
 */
public record Chrome(String tenantId, String workspaceId, String subject, String csrf, String nonce, String section) {

    /** {@code /app/{tid}/admin}: the console's root path. */
    public String base() {
        return "/app/" + tenantId + "/admin";
    }

    /** The workspace's pages: {@code /app/{tid}/admin/workspaces/{wid}}. */
    public String workspaceBase() {
        return base() + "/workspaces/" + workspaceId;
    }

    /** {@code aria-current} for the navigation entry {@code name}. */
    public String current(String name) {
        return name.equals(section) ? "page" : "false";
    }
}
