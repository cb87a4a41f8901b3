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

    /** Records an access token (JWT id or opaque token hash) issued under a grant, so its revocation reaches it. */
    void recordAccessToken(String grantId, String tokenId, Instant expiresAt);

    /**
     * Revokes a grant in one transaction: marks it revoked, deletes its refresh tokens and unredeemed
     * codes, deletes its opaque access tokens and adds its JWT ids to the revoked tokens. Returns the ids of
     * the access tokens revoked (empty when the grant was unknown or already revoked).
     */
    List<String> revoke(String grantId, Instant now);
}
