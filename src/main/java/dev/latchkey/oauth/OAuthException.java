package dev.latchkey.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;

/**
 * An RFC 6749 error of an OAuth endpoint, rendered by the HTTP edge as
 * {@code {"error", "error_description", "error_hint", "status_code"}}. The HTTP status comes from the
 * Nimbus {@link ErrorObject} (401 for {@code invalid_client}, 400 for the others of §5.2), never from the
 * throw site. The description is public: a fixed, safe sentence.
 */
public final class OAuthException extends RuntimeException {

    private final ErrorObject error;
    private final boolean basicChallenge;
    private final String bearerChallenge;

    private OAuthException(ErrorObject error, boolean basicChallenge) {
        this(error, basicChallenge, null);
    }

    private OAuthException(ErrorObject error, boolean basicChallenge, String bearerChallenge) {
        super(error.getCode() + ": " + error.getDescription(), null, false, false);
        this.error = error;
        this.basicChallenge = basicChallenge;
        this.bearerChallenge = bearerChallenge;
    }

    public static OAuthException of(ErrorObject error, String description) {
        return new OAuthException(error.setDescription(description), false);
    }

    /**
     * An error of a protected resource (RFC 6750 §3): {@code invalid_token} (401), {@code insufficient_scope}
     * (403) or {@code invalid_request} (400), with the {@code WWW-Authenticate: Bearer error="..."}
     * challenge Nimbus writes for it.
     */
    public static OAuthException bearer(BearerTokenError error, String description) {
        BearerTokenError described = error.setDescription(description);
        return new OAuthException(described, false, described.toWWWAuthenticateHeader());
    }

    /**
     * A request to a protected resource without any access token: 401 with a bare {@code Bearer} challenge
     * (RFC 6750 §3.1: no error code in it); the body says {@code invalid_token}.
     */
    public static OAuthException bearerMissing(String realm) {
        String challenge = BearerTokenError.MISSING_TOKEN.setRealm(realm).toWWWAuthenticateHeader();
        return new OAuthException(new ErrorObject("invalid_token", "An access token is required", 401), false,
                challenge);
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

    /** The {@code WWW-Authenticate: Bearer ...} value of a protected-resource error, else null. */
    public String bearerChallenge() {
        return bearerChallenge;
    }
}
