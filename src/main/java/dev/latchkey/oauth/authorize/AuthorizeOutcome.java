package dev.latchkey.oauth.authorize;

/** What the HTTP edge does after a step of the authorization flow. */
public sealed interface AuthorizeOutcome {

    /** Answer the client; {@code newSessionCookie} is set when a session was just created (else null). */
    record Respond(AuthorizationResponse response, String newSessionCookie) implements AuthorizeOutcome {
    }

    /**
     * Send the browser to the login page of a pending request; {@code error} is null or a {@link LoginPage}
     * code; {@code newBrowserCookie} is the browser-binding cookie to set (null: keep the one it has).
     */
    record ToLogin(String requestId, String error, String newBrowserCookie) implements AuthorizeOutcome {

        public ToLogin(String requestId, String error) {
            this(requestId, error, null);
        }
    }

    /** Show the login page. */
    record ShowLogin(LoginPage page) implements AuthorizeOutcome {
    }

    /** Show an error page (400); the client is not told. */
    record ShowError(String message) implements AuthorizeOutcome {
    }
}
