package dev.latchkey.grant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;

import java.time.Instant;
import java.util.List;

/**
 * Revocation of access tokens and grants, and the check every verification makes. A JWT access token is
 * stored nowhere, so its revocation is a stored token id; the check is answered from a per-node cache
 * (verification of a token that is used again and again touches the database once), and every
 * revocation is published on the {@link ChangeBus} so that each node drops what it cached. Thread-safe.
 */
public final class TokenRevocations {

    private final RevokedTokenRepository revoked;
    private final GrantRepository grants;
    private final ChangeBus bus;
    private final Cache<String, Boolean> cache = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();

    public TokenRevocations(RevokedTokenRepository revoked, GrantRepository grants, ChangeBus bus) {
        this.revoked = revoked;
        this.grants = grants;
        this.bus = bus;
        bus.subscribe(change -> {
            if (change.isEverything()) {
                cache.invalidateAll();
            } else if (Change.REVOCATION.equals(change.kind())) {
                if (change.id() == null) {
                    cache.invalidateAll();
                } else {
                    cache.invalidate(change.id());
                }
            }
        });
    }

    public boolean isRevoked(String tokenId) {
        return cache.get(tokenId, revoked::isRevoked);
    }

    /** Revokes one access token until {@code expiresAt}. */
    public void revokeToken(String tokenId, String tenantId, String workspaceId, Instant expiresAt) {
        revoked.revoke(tokenId, tenantId, workspaceId, expiresAt);
        bus.publish(new Change(Change.REVOCATION, tenantId, workspaceId, tokenId));
    }

    /** Revokes a grant and everything issued under it (its code, refresh tokens and access tokens). */
    public void revokeGrant(String tenantId, String workspaceId, String grantId, Instant now) {
        List<String> tokenIds = grants.revoke(grantId, now);
        for (String tokenId : tokenIds) {
            bus.publish(new Change(Change.REVOCATION, tenantId, workspaceId, tokenId));
        }
    }
}
