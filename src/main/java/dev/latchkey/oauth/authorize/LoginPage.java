package dev.latchkey.oauth.authorize;

import java.util.List;

/**
 * What the login page shows: the workspace, where the form posts, the pending request's id and CSRF
 * token (hidden fields), the identity providers to choose from, the username to prefill ({@code
 * login_hint}) and an error message (null for none).
 */
public record LoginPage(String workspaceName, String action, String requestId, String csrf, List<Idp> idps,
                        String username, String error) {

    /** Error codes carried by the redirect after a failed attempt, and their messages. */
    public static final String INVALID = "invalid";
    public static final String LOCKED = "locked";
    public static final String MISSING = "missing";

    /** An IDP of the list. */
    public record Idp(String id, String name) {
    }

    public LoginPage {
        idps = List.copyOf(idps);
    }

    public static String message(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case INVALID -> "The username or password is wrong.";
            case LOCKED -> "Too many failed login attempts. Try again in "
                    + LoginThrottle.LOCKOUT.toMinutes() + " minutes.";
            case MISSING -> "Enter a username and a password.";
            default -> null;
        };
    }

    public boolean severalIdps() {
        return idps.size() > 1;
    }
}
