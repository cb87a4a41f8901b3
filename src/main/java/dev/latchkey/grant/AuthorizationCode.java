package dev.latchkey.grant;

import java.time.Instant;
import java.util.List;

/**
 * An authorization code (RFC 6749 §4.1.2) as stored: bound to its grant, client and redirect URI, with the
 * PKCE challenge (RFC 7636) and the OIDC {@code nonce} of the request. The code itself is random and
 * stored only as its hash. Immutable.
 */
public record AuthorizationCode(String tenantId, String workspaceId, String grantId, String clientId,
                                String redirectUri, String codeChallenge, String codeChallengeMethod,
                                String nonce, List<String> scopes, Instant issuedAt, Instant expiresAt) {

    public AuthorizationCode {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
