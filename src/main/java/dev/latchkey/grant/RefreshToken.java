package dev.latchkey.grant;

import java.time.Instant;
import java.util.List;

/**
 * A refresh token as stored (the token itself is random; only its hash is kept): the grant it continues,
 * the client it was issued to and the scopes it may be exchanged for. Immutable.
 */
public record RefreshToken(String tenantId, String workspaceId, String grantId, String clientId,
                           List<String> scopes, Instant issuedAt, Instant expiresAt) {

    public RefreshToken {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
