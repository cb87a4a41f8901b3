package dev.latchkey.grant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of revoked access tokens that have not expired, in memory on every node, so that verifying a token
 * never seen before asks no database whether it is revoked (issue 8: fresh tokens at the rate of the token
 * endpoint). The database stays the record: the set is loaded from it at start ({@link #reload}), a revocation
 * made on this node is added as it is recorded, one made on another node arrives on the change bus and is read
 * back with its expiry ({@link #learn}), a missed change (the bus's connection was lost) reloads everything,
 * and a periodic {@link #reload} repairs what a lost notification could have left out, as the ten-minute
 * expiry of the cache this set replaces did. Entries leave once their token has expired ({@link #sweep}): a
 * token past its expiry is refused as expired before its revocation is asked, so memory is bounded by the
 * revoked tokens that are still unexpired. Thread-safe.
 */
final class RevokedTokenIds {

    /** The expiry assumed for a revocation announced by another node whose row could not be read. */
    static final Duration UNREADABLE_EXPIRY = Duration.ofDays(1);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RevokedTokenIds.class);

    private final RevokedTokenRepository repository;
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> expiries = new ConcurrentHashMap<>();

    RevokedTokenIds(RevokedTokenRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    boolean contains(String tokenId) {
        return expiries.containsKey(tokenId);
    }

    /** A revocation recorded by this node, kept until {@code expiresAt}. */
    void add(String tokenId, Instant expiresAt) {
        expiries.merge(tokenId, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * A revocation announced on the change bus (recorded and committed before it was announced): its expiry
     * is read from the database unless it is known already. Should the read fail, the token is kept as revoked
     * for {@link #UNREADABLE_EXPIRY} (the next {@link #reload} puts its real expiry): refusing a revoked token
     * for longer is harmless, accepting it is not.
     */
    void learn(String tokenId) {
        if (expiries.containsKey(tokenId)) {
            return;
        }
        try {
            repository.expiryOf(tokenId).ifPresent(expiresAt -> add(tokenId, expiresAt));
        } catch (RuntimeException e) {
            LOG.warn("revocations: could not read the revocation of a token announced by another node ({}); "
                    + "refusing it for {}", e.getMessage(), UNREADABLE_EXPIRY);
            add(tokenId, clock.instant().plus(UNREADABLE_EXPIRY));
        }
    }

    /** Adds every unexpired revocation recorded in the database, then drops the expired ones. */
    void reload() {
        Instant now = clock.instant();
        expiries.putAll(repository.unexpired(now));
        sweep(now);
    }

    /** Drops the revocations of tokens that have expired; returns how many are left. */
    int sweep() {
        return sweep(clock.instant());
    }

    private int sweep(Instant now) {
        expiries.values().removeIf(expiresAt -> !expiresAt.isAfter(now));
        return expiries.size();
    }

    int size() {
        return expiries.size();
    }
}
