package dev.latchkey.grant;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Revoked access tokens by token id (a JWT's {@code jti}), kept until their expiry, and revoked subjects: every
 * access token of a subject in a workspace issued up to a time.
 */
public interface RevokedTokenRepository {

    /** Records a revocation; revoking an already revoked token is not an error. */
    void revoke(String tokenId, String tenantId, String workspaceId, Instant expiresAt);

    boolean isRevoked(String tokenId);

    /** When the revoked token {@code tokenId} expires; empty if it is not (or no longer) recorded. */
    Optional<Instant> expiryOf(String tokenId);

    /** Every recorded revocation whose token has not expired at {@code now}: token id to expiry. */
    Map<String, Instant> unexpired(Instant now);

    /**
     * Records that every access token of {@code subject} in the workspace issued at or before {@code at} is
     * revoked; a later revocation of the same subject moves the time forward.
     */
    void revokeSubject(String tenantId, String workspaceId, String subject, Instant at);

    /** When the tokens of {@code subject} in the workspace were last revoked, if ever. */
    Optional<Instant> subjectRevokedAt(String tenantId, String workspaceId, String subject);
}
