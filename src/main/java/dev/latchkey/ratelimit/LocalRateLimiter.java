package dev.latchkey.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * In-memory token buckets (Bucket4j), one per (tenant, group); a changed limit starts a fresh bucket.
 * A tenant's buckets sit in one slot array indexed by group, so a request costs one look-up by tenant id.
 * Tenants unused for ten minutes are dropped (the table stays bounded however many tenant ids are tried).
 * Time comes from the injected clock. Thread-safe: Bucket4j buckets are lock-free, and a slot is set by
 * compare-and-set, so requests that race to start a bucket all spend from the one that won.
 */
public final class LocalRateLimiter implements RateLimiter {

    private record Slot(RateLimit limit, Bucket bucket) {
    }

    private static final int GROUPS = ApiGroup.values().length;

    private final Cache<String, AtomicReferenceArray<Slot>> tenants = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    private final TimeMeter time;

    public LocalRateLimiter(Clock clock) {
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
        AtomicReferenceArray<Slot> slots = tenants.get(tenantId, k -> new AtomicReferenceArray<>(GROUPS));
        Slot slot = slots.get(group.ordinal());
        if (slot == null || (slot.limit() != limit && !slot.limit().equals(limit))) {
            Slot fresh = new Slot(limit, bucket(limit));
            slot = slots.compareAndSet(group.ordinal(), slot, fresh) ? fresh : slots.get(group.ordinal());
        }
        ConsumptionProbe probe = slot.bucket().tryConsumeAndReturnRemaining(1);
        long remaining = probe.getRemainingTokens();
        long retryAfter = probe.isConsumed() ? 0
                : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        RateLimit used = slot.limit();
        return new RateLimitDecision(probe.isConsumed(), used.burst(), remaining, used.secondsUntilFull(remaining),
                retryAfter);
    }

    private Bucket bucket(RateLimit limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.rate(), limit.period())
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }
}
