package dev.latchkey.grant;

import java.time.Instant;

/** Revoked access tokens by token id (a JWT's {@code jti}), kept until their expiry. */
public interface RevokedTokenRepository {

    /** Records a revocation; revoking an already revoked token is not an error. */
    void revoke(String tokenId, String tenantId, String workspaceId, Instant expiresAt);

    boolean isRevoked(String tokenId);
}
