package dev.latchkey.ratelimit;

import dev.latchkey.testing.TestClock;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis token bucket (one Lua script per request) on the real Redis at 127.0.0.1:6379: burst, continuous
 * refill by the injected clock, the header values, and recovery when Redis forgets its scripts.
 */
class RedisTokenBucketTest {

    private static final String URL = "redis://127.0.0.1:6379";
    private static final TestClock CLOCK = new TestClock();
    private static RedisRateLimiter limiter;

    @BeforeAll
    static void connect() {
        limiter = new RedisRateLimiter(URL, CLOCK, Duration.ofSeconds(1));
        limiter.ping();
    }

    @AfterAll
    static void close() {
        limiter.close();
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID(); // a fresh bucket per test, whatever Redis holds
    }

    @Test
    void theBurstPassesThenRequestsAreRefusedWithTheTimeUntilOneTokenIsBack() {
        String tenant = tenant();
        RateLimit limit = new RateLimit(60, 3, Duration.ofMinutes(1)); // one token per second, burst 3
        RateLimitDecision first = limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit);
        assertThat(first.allowed()).isTrue();
        assertThat(first.limit()).isEqualTo(3);
        assertThat(first.remaining()).isEqualTo(2);
        assertThat(first.resetSeconds()).isEqualTo(1);
        assertThat(limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit).remaining()).isEqualTo(1);
        assertThat(limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit).remaining()).isZero();

        RateLimitDecision refused = limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        // another group and another tenant have their own buckets
        assertThat(limiter.tryAcquire(tenant, ApiGroup.OAUTH2, limit).allowed()).isTrue();
        assertThat(limiter.tryAcquire(tenant(), ApiGroup.ADMIN, limit).allowed()).isTrue();
    }

    @Test
    void theBucketRefillsContinuouslyByTheClockUpToTheBurst() {
        String tenant = tenant();
        RateLimit limit = new RateLimit(2, 2, Duration.ofSeconds(10)); // one token per 5 s
        limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit);
        limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit);
        RateLimitDecision empty = limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit);
        assertThat(empty.allowed()).isFalse();
        assertThat(empty.retryAfterSeconds()).isEqualTo(5);

        CLOCK.advance(Duration.ofSeconds(3));
        RateLimitDecision stillEmpty = limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit);
        assertThat(stillEmpty.allowed()).isFalse();
        assertThat(stillEmpty.retryAfterSeconds()).isEqualTo(2);

        CLOCK.advance(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit).allowed()).isTrue();

        CLOCK.advance(Duration.ofHours(1)); // never more than the burst
        assertThat(limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit).remaining()).isEqualTo(1);
    }

    @Test
    void aFlushedScriptCacheIsReloadedOnTheNextRequest() {
        String tenant = tenant();
        RateLimit limit = new RateLimit(10, 5, Duration.ofMinutes(1));
        assertThat(limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit).remaining()).isEqualTo(4);
        RedisClient admin = RedisClient.create(URL);
        try (var connection = admin.connect()) {
            connection.sync().scriptFlush();
        } finally {
            admin.shutdown();
        }
        assertThat(limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit).remaining()).isEqualTo(3);
    }
}
