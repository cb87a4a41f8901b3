package dev.latchkey.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;

/**
 * An RFC 6749 error of an OAuth endpoint, rendered by the HTTP edge as
 * {@code {"error", "error_description", "error_hint", "status_code"}}. The HTTP status comes from the
 * Nimbus {@link ErrorObject} (401 for {@code invalid_client}, 400 for the others of §5.2), never from the
 * throw site. The description is public: a fixed, safe sentence.
 */
public final class OAuthException extends RuntimeException {

    private final ErrorObject error;
    private final boolean basicChallenge;

    private OAuthException(ErrorObject error, boolean basicChallenge) {
        super(error.getCode() + ": " + error.getDescription(), null, false, false);
        this.error = error;
        this.basicChallenge = basicChallenge;
    }

    public static OAuthException of(ErrorObject error, String description) {
        return new OAuthException(error.setDescription(description), false);
    }

    public static OAuthException invalidRequest(String description) {
        return of(OAuth2Error.INVALID_REQUEST, description);
    }

    /** {@code invalid_client}; {@code basic} asks for a {@code WWW-Authenticate: Basic} challenge (§5.2). */
    public static OAuthException invalidClient(String description, boolean basic) {
        return new OAuthException(OAuth2Error.INVALID_CLIENT.setDescription(description), basic);
    }

    public static OAuthException unauthorizedClient(String description) {
        return of(OAuth2Error.UNAUTHORIZED_CLIENT, description);
    }

    public static OAuthException unsupportedGrantType(String description) {
        return of(OAuth2Error.UNSUPPORTED_GRANT_TYPE, description);
    }

    public static OAuthException invalidScope(String description) {
        return of(OAuth2Error.INVALID_SCOPE, description);
    }

    public static OAuthException notFound(String description) {
        return of(new ErrorObject("not_found", null, 404), description);
    }

    public ErrorObject error() {
        return error;
    }

    public int status() {
        return error.getHTTPStatusCode();
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }
}
