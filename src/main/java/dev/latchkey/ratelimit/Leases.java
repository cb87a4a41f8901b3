package dev.latchkey.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Tokens a node took from a shared bucket ahead of its requests (a lease), so that under sustained load most
 * requests are decided on the node without a round trip to Redis; when half of a lease is spent, a larger one is
 * fetched in the background (the rest of the old one joins it), so that busy buckets rarely make a request wait. Leases never let more requests pass than the
 * bucket holds: their tokens were taken from it. They change only who gets the tokens, and only while the bucket
 * is far from empty: Redis grants advance tokens only from what exceeds a reserve ({@link #reserve}), so the last
 * tokens of a bucket go one request at a time, exactly as without leases. A lease lives {@link #TTL_NANOS}; what
 * is left of it then is given back to the bucket by the next round trip for it ({@link #reclaim}), which the node
 * sends for every expired lease within half a TTL ({@link #expiredLeases}).
 *
 * <p>The size of the next lease follows the demand: a lease used up before it expired doubles the next one (up to
 * {@link #MAX}); one that expired with tokens left halves it; the first lease of a bucket is as large as the
 * number of requests that waited together for one round trip (one alone: no lease, a quiet bucket keeps exact
 * one-at-a-time takes). Thread-safe.
 */
final class Leases {

    /** The largest advance, in tokens. */
    static final int MAX = 256;
    /** How long leased tokens may be used. */
    static final long TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** Tokens of one lease: taken one per request, by compare-and-set. */
    static final class Lease {
        final RateLimit limit;
        final long expiresAt;
        final long remainingAtTake;
        final long size;
        final AtomicLong tokens;
        final String key;

        Lease(String key, RateLimit limit, long expiresAt, long remainingAtTake, long size) {
            this.key = key;
            this.limit = limit;
            this.expiresAt = expiresAt;
            this.remainingAtTake = remainingAtTake;
            this.size = size;
            this.tokens = new AtomicLong(size);
        }
    }

    /** Tokens to give back to one bucket. */
    record Unused(String key, RateLimit limit, long tokens) {
    }

    private final Map<String, Lease> byKey = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final AtomicLong served = new AtomicLong();

    Leases(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Tokens of a bucket that are granted one at a time only: leases come from what exceeds this. */
    static long reserve(RateLimit limit) {
        return Math.max(2L * MAX, limit.burst() / 8);
    }

    /**
     * A request's share from the bucket's live lease (allowed), or null when there is none with a token left. The
     * take that brings the lease to half its size calls {@code halfSpent} with it (once per lease).
     */
    Coalescer.Share tryTake(String key, Consumer<Lease> halfSpent) {
        Lease lease = byKey.get(key);
        if (lease == null || nanoTime.getAsLong() - lease.expiresAt > 0) {
            return null;
        }
        long left;
        do {
            left = lease.tokens.get();
            if (left <= 0) {
                return null;
            }
        } while (!lease.tokens.compareAndSet(left, left - 1));
        served.incrementAndGet();
        if (left - 1 == lease.size / 2) {
            halfSpent.accept(lease);
        }
        return new Coalescer.Share(true, lease.remainingAtTake + left - 1, 0);
    }

    /** How many tokens to ask in advance when half of {@code lease} is spent before it expired: twice as many. */
    static long topUp(Lease lease) {
        return Math.min(MAX, Math.max(1, lease.size) * 2);
    }

    /** How many tokens to ask in advance with a round trip for {@code batch} requests. */
    long wanted(String key, RateLimit limit, int batch) {
        if (limit.burst() <= reserve(limit)) {
            return 0;
        }
        Lease last = byKey.get(key);
        if (last == null) {
            return batch > 1 ? Math.min(MAX, batch) : 0;
        }
        boolean usedUp = last.tokens.get() <= 0;
        return usedUp ? Math.min(MAX, Math.max(1, last.size) * 2) : Math.max(1, last.size / 2);
    }

    /**
     * Records {@code extra} tokens a round trip granted in advance (Redis then had {@code remaining} whole tokens
     * left); the tokens left in the previous lease join the new one (even if it has just expired: they were taken
     * from the bucket and would otherwise be lost).
     */
    void granted(String key, RateLimit limit, long extra, long remaining) {
        long now = nanoTime.getAsLong();
        Lease previous = byKey.get(key);
        long carried = previous != null ? Math.max(0, previous.tokens.getAndSet(0)) : 0;
        Lease lease = new Lease(key, limit, now + TTL_NANOS, remaining, extra + carried);
        Lease replaced = byKey.put(key, lease);
        if (replaced != null && replaced != previous) {
            lease.tokens.addAndGet(Math.max(0, replaced.tokens.getAndSet(0))); // a lease installed meanwhile
        }
    }

    /**
     * Removes the bucket's lease if it has expired and returns its unused tokens (0 if none), so that the round trip
     * about to be sent gives them back together with its take: Redis then counts them, and the request is told the
     * same {@code Remaining} as one-at-a-time takes would leave.
     */
    long reclaim(String key) {
        Lease lease = byKey.get(key);
        if (lease == null || nanoTime.getAsLong() - lease.expiresAt <= 0 || !byKey.remove(key, lease)) {
            return 0;
        }
        return Math.max(0, lease.tokens.getAndSet(0));
    }

    /** Tokens the node holds for the bucket (its lease's, expired or not). */
    long held(String key) {
        Lease lease = byKey.get(key);
        return lease == null ? 0 : Math.max(0, lease.tokens.get());
    }

    /** The leases that have expired (their tokens are given back by the next round trip for their bucket). */
    List<Lease> expiredLeases() {
        long now = nanoTime.getAsLong();
        List<Lease> expired = new ArrayList<>();
        for (Lease lease : byKey.values()) {
            if (now - lease.expiresAt > 0) {
                expired.add(lease);
            }
        }
        return expired;
    }

    /** Removes every lease and returns its unused tokens (when the limiter closes). */
    List<Unused> all() {
        List<Unused> unused = new ArrayList<>();
        byKey.forEach((key, lease) -> {
            if (byKey.remove(key, lease)) {
                long left = lease.tokens.getAndSet(0);
                if (left > 0) {
                    unused.add(new Unused(key, lease.limit, left));
                }
            }
        });
        return unused;
    }

    /** Requests decided from leases so far. */
    long served() {
        return served.get();
    }
}
