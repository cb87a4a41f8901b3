package dev.latchkey.grant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored grants and the access tokens issued under them. */
public interface GrantRepository {

    void insert(Grant grant);

    /** The grant, unless it is unknown, revoked or expired at {@code now}. */
    Optional<Grant> findActive(String grantId, Instant now);

    /** The active grant an access token (JWT id or opaque token hash) was issued under, if any. */
    Optional<Grant> findActiveByAccessToken(String tokenId, Instant now);

    /**
     * Whether the grant is still active, waiting for a revocation of it that is in progress (the row is
     * locked for the instant of the check). A caller that has just recorded tokens under the grant and then
     * finds it active knows that any later revocation reaches those tokens; one that finds it revoked must
     * undo what it issued (a code replayed while its first redemption was still issuing).
     */
    boolean confirmActive(String grantId, Instant now);

    /** Records an access token (JWT id or opaque token hash) issued under a grant, so its revocation reaches it. */
    void recordAccessToken(String grantId, String tokenId, Instant expiresAt);

    /**
     * Revokes a grant in one transaction: marks it revoked, deletes its refresh tokens and unredeemed
     * codes, deletes its opaque access tokens and adds its JWT ids to the revoked tokens. Returns the ids of
     * the access tokens revoked (empty when the grant was unknown or already revoked).
     */
    List<String> revoke(String grantId, Instant now);

    /** The ids of the grants of {@code subject} in the workspace that are neither revoked nor expired at {@code now}. */
    List<String> activeGrantIds(String tenantId, String workspaceId, String subject, Instant now);
}
