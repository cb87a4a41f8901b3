package dev.latchkey.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Duration;

/**
 * In-memory token buckets (Bucket4j), one per (tenant, group, limit): a changed limit starts a fresh
 * bucket. Buckets unused for ten minutes are dropped (the table stays bounded however many tenant ids
 * are tried). Time comes from the injected clock. Thread-safe (Bucket4j buckets are lock-free).
 */
public final class LocalRateLimiter implements RateLimiter {

    private record Key(String tenantId, ApiGroup group, RateLimit limit) {
    }

    private final Cache<Key, Bucket> buckets = Caffeine.newBuilder()
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
        Bucket bucket = buckets.get(new Key(tenantId, group, limit), k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.rate(), limit.period())
                        .build())
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long remaining = probe.getRemainingTokens();
        long retryAfter = probe.isConsumed() ? 0
                : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new RateLimitDecision(probe.isConsumed(), limit.burst(), remaining, limit.secondsUntilFull(remaining),
                retryAfter);
    }
}
