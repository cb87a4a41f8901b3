package dev.latchkey.manage;

import dev.latchkey.client.Client;
import dev.latchkey.support.ApiException;
import dev.latchkey.workspace.Workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules an application must satisfy beyond its fields' types. The application's own values are 400
 * (client id and secret shapes, redirect URIs); what conflicts with its workspace is 422 (a grant type or
 * authentication method the workspace does not allow, a scope the workspace does not have).
 *
 * <p>Redirect URIs (RFC 6749 §3.1.2, RFC 8252 §7, OAuth 2.0 Security BCP §4.1): absolute, without a fragment
 * ("The redirection endpoint URI MUST NOT include a fragment component"); {@code http} only for a loopback host
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}); otherwise {@code https}, or, for a native application
 * ({@code application_type} {@code native}), a private-use scheme such as {@code com.example.app:/cb}.
 */
final class ClientAdminRules {

    /** Client ids: what fits a URL path segment and an HTTP Basic user name unescaped, up to the column size. */
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    static final Pattern WORKSPACE_ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
    static final int MIN_SECRET = 32;
    private static final int MAX_SECRET = 1024;
    private static final int MAX_NAME = 255;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "data", "vbscript", "file", "blob",
            "about");
    static final List<String> PURPOSES =
            List.of("single_page", "server_web", "mobile_desktop", "service", "legacy", "custom", "saml");

    private ClientAdminRules() {
    }

    static void checkOwnValues(ClientAdminRequest r) {
        if (r.clientId() != null && !r.clientId().isEmpty() && !CLIENT_ID.matcher(r.clientId()).matches()) {
            throw bad("client_id must be 1 to 128 letters, digits or ._~- characters", "client_id");
        }
        if (r.clientSecret() != null && !r.clientSecret().isEmpty()) {
            secret(r.clientSecret(), "client_secret");
        }
        if (r.rotatedSecrets() != null) {
            if (r.rotatedSecrets().size() > Client.MAX_ROTATED_SECRETS) {
                throw bad("rotated_secrets holds at most " + Client.MAX_ROTATED_SECRETS + " secrets",
                        "rotated_secrets");
            }
            r.rotatedSecrets().forEach(s -> secret(s, "rotated_secrets"));
        }
        if (r.clientName() != null && (r.clientName().length() > MAX_NAME || hasControl(r.clientName()))) {
            throw bad("client_name must be at most " + MAX_NAME + " characters, without control characters",
                    "client_name");
        }
        if (r.clientSecretExpiresAt() != null && r.clientSecretExpiresAt() < 0) {
            throw bad("client_secret_expires_at must be 0 (never) or a time in Unix seconds",
                    "client_secret_expires_at");
        }
        if (r.redirectUris() != null) {
            boolean nativeApp = "native".equals(r.applicationType());
            r.redirectUris().forEach(uri -> redirectUri(uri, nativeApp));
        }
    }

    static void checkAgainstWorkspace(Client c, Workspace workspace, Set<String> workspaceScopes) {
        for (String grant : c.grantTypes()) {
            if (!workspace.allowsGrant(grant)) {
                throw unprocessable("The grant type " + grant + " is not allowed in workspace " + workspace.id(),
                        "grant_types", grant);
            }
        }
        if (!workspace.allowsAuthMethod(c.tokenEndpointAuthMethod())) {
            throw unprocessable("The token endpoint authentication method " + c.tokenEndpointAuthMethod()
                    + " is not allowed in workspace " + workspace.id(), "token_endpoint_auth_method",
                    c.tokenEndpointAuthMethod());
        }
        List<String> unknown = c.scopes().stream().filter(s -> !workspaceScopes.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(422, "unprocessable_entity", "Unknown scopes in workspace " + workspace.id()
                    + ": " + String.join(", ", unknown), Map.of("field", "scopes", "values", unknown));
        }
    }

    private static void redirectUri(String uri, boolean nativeApp) {
        String problem = redirectUriProblem(uri, nativeApp);
        if (problem != null) {
            throw new ApiException(400, "bad_request", "Invalid redirect URI " + quoted(uri) + ": " + problem,
                    Map.of("field", "redirect_uris", "value", quoted(uri)));
        }
    }

    static String redirectUriProblem(String uri, boolean nativeApp) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return "not a valid URI";
        }
        if (!parsed.isAbsolute()) {
            return "must be an absolute URI";
        }
        if (parsed.getRawFragment() != null) {
            return "must not contain a fragment";
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        String host = parsed.getHost() == null ? null : parsed.getHost().toLowerCase(Locale.ROOT);
        if (FORBIDDEN_SCHEMES.contains(scheme)) {
            return "the " + scheme + " scheme is not allowed";
        }
        if (scheme.equals("http")) {
            return host != null && LOOPBACK.contains(host) ? null
                    : "http is allowed only for loopback hosts (localhost, 127.0.0.1, [::1]); use https";
        }
        if (scheme.equals("https")) {
            return host == null || host.isEmpty() ? "must name a host" : null;
        }
        return nativeApp ? null
                : "private-use schemes are allowed only for native applications (application_type native)";
    }

    private static void secret(String secret, String field) {
        if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET || hasControl(secret)) {
            throw bad(field + " must be " + MIN_SECRET + " to " + MAX_SECRET + " characters, without control "
                    + "characters", field);
        }
    }

    static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    /** The URI for an error message: cut short, control characters replaced. */
    private static String quoted(String uri) {
        String shown = uri.length() > 200 ? uri.substring(0, 200) + "..." : uri;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    static ApiException bad(String message, String field) {
        return new ApiException(400, "bad_request", message, Map.of("field", field));
    }

    private static ApiException unprocessable(String message, String field, String value) {
        return new ApiException(422, "unprocessable_entity", message, Map.of("field", field, "value", value));
    }
}
