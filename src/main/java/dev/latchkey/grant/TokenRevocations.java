package dev.latchkey.grant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Revocation of access tokens, grants and subjects, and the checks every verification makes. A JWT access
 * token is stored nowhere, so its revocation is a stored token id, and the revocation of every token of a
 * subject is a stored time: tokens of that subject issued until then are refused. The checks touch no
 * database: the revoked token ids that have not expired are held in memory on every node
 * ({@link RevokedTokenIds}: loaded at start, kept in step through the {@link ChangeBus}, repaired by
 * {@link #refresh}), and a subject's revocation time is cached per node. Every revocation is published on the
 * bus, so another node refuses a token revoked here as soon as the change reaches it (at once on this node;
 * on PostgreSQL, LISTEN/NOTIFY: milliseconds, and after a lost connection at most its reconnection backoff,
 * then everything is reloaded). Thread-safe.
 */
public final class TokenRevocations {

    private final RevokedTokenRepository revoked;
    private final GrantRepository grants;
    private final ChangeBus bus;
    private final RevokedTokenIds revokedIds;
    private final Cache<SubjectKey, Instant> subjects = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();

    /** A subject of a workspace. */
    private record SubjectKey(String tenantId, String workspaceId, String subject) {
    }

    /** Cached for a subject whose tokens were never revoked. */
    private static final Instant NEVER = Instant.MIN;

    /** Subscribes to the bus, then loads the revoked token ids from the database. */
    public TokenRevocations(RevokedTokenRepository revoked, GrantRepository grants, ChangeBus bus, Clock clock) {
        this.revoked = revoked;
        this.grants = grants;
        this.bus = bus;
        this.revokedIds = new RevokedTokenIds(revoked, clock);
        bus.subscribe(change -> {
            if (change.isEverything()) {
                revokedIds.reload();
                subjects.invalidateAll();
            } else if (Change.SUBJECT_REVOCATION.equals(change.kind())) {
                subjects.invalidate(new SubjectKey(change.tenantId(), change.workspaceId(), change.id()));
            } else if (Change.REVOCATION.equals(change.kind())) {
                if (change.id() == null) {
                    revokedIds.reload();
                } else {
                    revokedIds.learn(change.id());
                }
            }
        });
        revokedIds.reload();
    }

    /** Whether the token {@code tokenId} (a JWT's {@code jti}, an opaque token's hash) is revoked; from memory. */
    public boolean isRevoked(String tokenId) {
        return revokedIds.contains(tokenId);
    }

    /**
     * Drops the revocations of expired tokens from memory and adds any recorded in the database that this node
     * was not told about (a notification lost on its way); called periodically. Returns how many are held.
     */
    public int refresh() {
        revokedIds.reload();
        return revokedIds.size();
    }

    /** Drops the revocations of expired tokens from memory; returns how many are held. */
    public int sweep() {
        return revokedIds.sweep();
    }

    /**
     * Whether an access token of {@code subject} issued at {@code issuedAt} (null: unknown) falls under a
     * revocation of every token of that subject in the workspace ({@link #revokeSubject}).
     */
    public boolean isRevoked(String tenantId, String workspaceId, String subject, Instant issuedAt) {
        if (subject == null) {
            return false;
        }
        Instant revokedAt = subjects.get(new SubjectKey(tenantId, workspaceId, subject),
                key -> revoked.subjectRevokedAt(tenantId, workspaceId, subject).orElse(NEVER));
        // the databases keep microseconds: a token of the revocation's microsecond counts as issued before it
        return revokedAt != NEVER && (issuedAt == null || !issuedAt.truncatedTo(ChronoUnit.MICROS).isAfter(revokedAt));
    }

    /**
     * Revokes every token of {@code subject} in the workspace: its grants with everything issued under them
     * ({@link #revokeGrant}), and every other access token of the subject issued until {@code now} (a client's
     * own tokens when the subject is a client id). A JWT's issue time has whole seconds, so a token issued in
     * the same second just after the revocation is refused too. Returns the number of grants revoked.
     */
    public int revokeSubject(String tenantId, String workspaceId, String subject, Instant now) {
        revoked.revokeSubject(tenantId, workspaceId, subject, now);
        bus.publish(new Change(Change.SUBJECT_REVOCATION, tenantId, workspaceId, subject));
        List<String> grantIds = grants.activeGrantIds(tenantId, workspaceId, subject, now);
        for (String grantId : grantIds) {
            revokeGrant(tenantId, workspaceId, grantId, now);
        }
        return grantIds.size();
    }

    /** Revokes one access token until {@code expiresAt}. */
    public void revokeToken(String tokenId, String tenantId, String workspaceId, Instant expiresAt) {
        revoked.revoke(tokenId, tenantId, workspaceId, expiresAt);
        revokedIds.add(tokenId, expiresAt);
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
