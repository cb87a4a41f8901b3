package dev.latchkey.oauth;

/**
 * A successful token response (RFC 6749 §5.1, OIDC Core §3.1.3.3). {@code token_type} is written
 * {@code bearer}, as Cloudentity does; {@code scope} is omitted when empty, {@code refresh_token} and
 * {@code id_token} when not issued (null). {@code subject} is not written: it is the user the tokens were
 * issued for (the grant's subject, before any pairwise transformation), for audit events; null for client
 * credentials.
 */
public record TokenResponse(String accessToken, long expiresIn, String scope, String tokenType, String refreshToken,
                            String idToken, String subject) {

    public TokenResponse(String accessToken, long expiresIn, String scope, String tokenType, String refreshToken,
                         String idToken) {
        this(accessToken, expiresIn, scope, tokenType, refreshToken, idToken, null);
    }

    /** A response with an access token only (client credentials). */
    public static TokenResponse accessOnly(String accessToken, long expiresIn, String scope) {
        return new TokenResponse(accessToken, expiresIn, scope, "bearer", null, null);
    }
}
