package dev.latchkey.oauth.token;

import java.time.Duration;
import java.util.List;

/**
 * What an access token says, independent of its format (design §3): subject, audiences, granted scopes,
 * the identity provider and authentication methods of the user (empty for client credentials), and the
 * SHA-256 thumbprint of the client certificate it is bound to ({@code cnf.x5t#S256}, RFC 8705 §3.1; null for
 * a bearer token).
 */
public record AccessTokenClaims(String subject, String clientId, List<String> audience, List<String> scopes,
                                String idp, List<String> amr, String subjectType, Duration ttl,
                                String certificateThumbprint) {

    /** A bearer token's claims (bound to no certificate). */
    public AccessTokenClaims(String subject, String clientId, List<String> audience, List<String> scopes,
                             String idp, List<String> amr, String subjectType, Duration ttl) {
        this(subject, clientId, audience, scopes, idp, amr, subjectType, ttl, null);
    }
}
