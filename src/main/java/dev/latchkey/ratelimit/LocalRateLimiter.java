package dev.latchkey.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * In-memory token buckets (Bucket4j), one per (tenant, group); a changed limit starts a fresh bucket.
 * A tenant's buckets sit in one slot array indexed by group, so a request costs one hash look-up by tenant
 * id and one compare-and-set in its bucket: no cache bookkeeping and no hand-off to another thread on the
 * request path (a Caffeine cache here cost more than the buckets themselves).
 *
 * <p>Bounded: a tenant unused for {@link #IDLE} is dropped by a sweep that runs at most once a minute, on
 * whichever request finds it due; and at most {@link #maxTenants} tenants get buckets of their own. Past
 * that (someone cycling through made-up tenant ids), requests of tenants without buckets share one
 * overflow set of buckets, so the flood throttles itself and the buckets of the tenants already known are
 * kept. Time comes from the injected clock. Thread-safe: Bucket4j buckets are lock-free, and a slot is set
 * by compare-and-set, so requests that race to start a bucket all spend from the one that won.
 */
public final class LocalRateLimiter implements RateLimiter {

    static final Duration IDLE = Duration.ofMinutes(10);
    private static final long SWEEP_EVERY_MILLIS = 60_000;
    private static final int GROUPS = ApiGroup.values().length;

    private record Slot(RateLimit limit, Bucket bucket) {
    }

    /** One tenant's buckets, by group, and when they were last used (ms, at second precision). */
    private static final class Buckets {
        final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(GROUPS);
        volatile long lastUsed;

        Buckets(long now) {
            this.lastUsed = now;
        }

        void touch(long now) {
            if (now - lastUsed >= 1_000) { // one write a second at most: requests mostly only read it
                lastUsed = now;
            }
        }
    }

    private final ConcurrentHashMap<String, Buckets> tenants = new ConcurrentHashMap<>();
    private final Buckets overflow;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final int maxTenants;
    private final Clock clock;
    private final TimeMeter time;
    private volatile long nextSweep;

    public LocalRateLimiter(Clock clock) {
        this(clock, 100_000);
    }

    LocalRateLimiter(Clock clock, int maxTenants) {
        this.clock = clock;
        this.maxTenants = maxTenants;
        this.overflow = new Buckets(clock.millis());
        this.nextSweep = clock.millis() + SWEEP_EVERY_MILLIS;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                var now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public RateLimitDecision tryAcquire(String tenantId, ApiGroup group, RateLimit limit) {
        long now = clock.millis();
        Buckets buckets = bucketsOf(tenantId, now);
        int index = group.ordinal();
        Slot slot = buckets.slots.get(index);
        if (slot == null || (slot.limit() != limit && !slot.limit().equals(limit))) {
            Slot fresh = new Slot(limit, bucket(limit));
            slot = buckets.slots.compareAndSet(index, slot, fresh) ? fresh : buckets.slots.get(index);
        }
        ConsumptionProbe probe = slot.bucket().tryConsumeAndReturnRemaining(1);
        long remaining = probe.getRemainingTokens();
        long retryAfter = probe.isConsumed() ? 0
                : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        RateLimit used = slot.limit();
        return new RateLimitDecision(probe.isConsumed(), used.burst(), remaining, used.secondsUntilFull(remaining),
                retryAfter);
    }

    /** How many tenants have buckets of their own (the overflow set not counted). */
    int tenantCount() {
        return tenants.size();
    }

    private Buckets bucketsOf(String tenantId, long now) {
        if (now >= nextSweep) {
            sweep(now);
        }
        Buckets buckets = tenants.get(tenantId);
        if (buckets == null) {
            if (tenants.size() >= maxTenants) {
                buckets = overflow;
            } else {
                buckets = tenants.computeIfAbsent(tenantId, k -> new Buckets(now));
            }
        }
        buckets.touch(now);
        return buckets;
    }

    private void sweep(long now) {
        if (!sweeping.compareAndSet(false, true)) {
            return; // another request sweeps
        }
        try {
            nextSweep = now + SWEEP_EVERY_MILLIS;
            long idleSince = now - IDLE.toMillis();
            tenants.values().removeIf(b -> b.lastUsed < idleSince);
        } finally {
            sweeping.set(false);
        }
    }

    private Bucket bucket(RateLimit limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.rate(), limit.period())
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }
}
