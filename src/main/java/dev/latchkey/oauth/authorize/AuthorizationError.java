package dev.latchkey.oauth.authorize;

/**
 * A refused authorization request. When the client or its redirect URI cannot be trusted, there is no
 * {@link #redirect()} and the user sees an error page (RFC 6749 §4.1.2.1: "MUST NOT automatically
 * redirect"); otherwise the error goes back to the client. The message is public and fixed.
 */
public final class AuthorizationError extends RuntimeException {

    private final transient AuthorizationResponse redirect;

    private AuthorizationError(String message, AuthorizationResponse redirect) {
        super(message, null, false, false);
        this.redirect = redirect;
    }

    /** An error shown on a page (400), never redirected. */
    public static AuthorizationError page(String message) {
        return new AuthorizationError(message, null);
    }

    /** An error sent to the client's redirect URI. */
    public static AuthorizationError redirect(AuthorizationResponse response) {
        return new AuthorizationError(response.params().get("error_description"), response);
    }

    /** The error response to redirect, or null for an error page. */
    public AuthorizationResponse redirect() {
        return redirect;
    }
}
