package dev.latchkey.ratelimit;

import dev.latchkey.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens taken in advance ({@link Leases}) on the real Redis at 127.0.0.1:6379: under concurrent load most requests
 * are decided without a round trip, yet exactly the bucket's tokens pass (none lost, none extra), on one node
 * and on two nodes sharing the bucket, and a small bucket is never leased.
 */
class RedisLeasesTest {

    private static final String URL = "redis://127.0.0.1:6379";
    private static final TestClock CLOCK = new TestClock(); // frozen: nothing refills during a test
    private static final ExecutorService CALLERS = Executors.newVirtualThreadPerTaskExecutor();

    @AfterAll
    static void cleanUp() {
        CALLERS.shutdownNow();
        RedisSharedBudgetTest.deleteLimiterKeys();
    }

    private static RedisRateLimiter limiter() {
        RedisRateLimiter limiter = new RedisRateLimiter(URL, CLOCK, Duration.ofSeconds(5));
        limiter.ping();
        return limiter;
    }

    /** 16 callers per limiter take until refused; returns the requests allowed. */
    private static long drain(String tenant, RateLimit limit, RedisRateLimiter... limiters) throws Exception {
        AtomicLong allowed = new AtomicLong();
        List<Future<?>> callers = new ArrayList<>();
        for (RedisRateLimiter limiter : limiters) {
            for (int i = 0; i < 16; i++) {
                callers.add(CALLERS.submit(() -> {
                    while (limiter.tryAcquire(tenant, ApiGroup.OAUTH2, limit).allowed()) {
                        allowed.incrementAndGet();
                    }
                    return null;
                }));
            }
        }
        for (Future<?> caller : callers) {
            caller.get();
        }
        return allowed.get();
    }

    /** Takes one at a time until refused, after the leases have expired and been given back. */
    private static long rest(String tenant, RateLimit limit, RedisRateLimiter limiter) throws InterruptedException {
        Thread.sleep(Duration.ofNanos(Leases.TTL_NANOS * 3));
        long n = 0;
        while (limiter.tryAcquire(tenant, ApiGroup.OAUTH2, limit).allowed()) {
            n++;
        }
        return n;
    }

    @Test
    void concurrentCallersUseLeasesAndExactlyTheBucketsTokensPass() throws Exception {
        try (RedisRateLimiter limiter = limiter()) {
            String tenant = "t-" + UUID.randomUUID();
            RateLimit limit = new RateLimit(1, 5_000, Duration.ofHours(1));
            long allowed = drain(tenant, limit, limiter);
            allowed += rest(tenant, limit, limiter);
            assertThat(allowed).isEqualTo(5_000);
            assertThat(limiter.leased()).as("requests decided from leased tokens").isGreaterThan(2_500);
            assertThat(limiter.roundTrips()).isLessThan(limiter.requests() / 2);
        }
    }

    @Test
    void twoNodesSharingABucketTogetherPassExactlyItsTokens() throws Exception {
        try (RedisRateLimiter a = limiter(); RedisRateLimiter b = limiter()) {
            String tenant = "t-" + UUID.randomUUID();
            RateLimit limit = new RateLimit(1, 3_000, Duration.ofHours(1));
            long allowed = drain(tenant, limit, a, b);
            allowed += rest(tenant, limit, a) + rest(tenant, limit, b);
            assertThat(allowed).isEqualTo(3_000);
            assertThat(a.leased() + b.leased()).isPositive();
        }
    }

    @Test
    void aBucketNoLargerThanTheReserveIsNeverLeased() throws Exception {
        try (RedisRateLimiter limiter = limiter()) {
            String tenant = "t-" + UUID.randomUUID();
            RateLimit limit = new RateLimit(1, Leases.reserve(new RateLimit(1, 1, Duration.ofHours(1))),
                    Duration.ofHours(1));
            assertThat(drain(tenant, limit, limiter)).isEqualTo(limit.burst());
            assertThat(limiter.leased()).isZero();
        }
    }

    @Test
    void leasedRequestsReportWhatOneAtATimeTakesWouldLeave() throws Exception {
        try (RedisRateLimiter limiter = limiter()) {
            String tenant = "t-" + UUID.randomUUID();
            RateLimit limit = new RateLimit(1, 10_000, Duration.ofHours(1));
            drain16(tenant, limit, limiter, 2_000);
            // one caller alone now: whatever mix of leased and fetched tokens, Remaining falls by one per request
            long before = limiter.tryAcquire(tenant, ApiGroup.OAUTH2, limit).remaining();
            for (int i = 1; i <= 50; i++) {
                assertThat(limiter.tryAcquire(tenant, ApiGroup.OAUTH2, limit).remaining()).isEqualTo(before - i);
            }
        }
    }

    @Test
    void aRequestAfterItsNodesLeaseExpiredIsToldWhatOneAtATimeTakesWouldLeave() throws Exception {
        try (RedisRateLimiter limiter = limiter()) {
            String tenant = "t-" + UUID.randomUUID();
            RateLimit limit = new RateLimit(1, 100_000, Duration.ofHours(1));
            // the lease's unused tokens are given back periodically too: expire it at several points of that period
            for (int round = 0; round < 6; round++) {
                drain16(tenant, limit, limiter, 1_000);
                long before = limiter.tryAcquire(tenant, ApiGroup.OAUTH2, limit).remaining();
                Thread.sleep(Duration.ofNanos(Leases.TTL_NANOS).plusMillis(1 + 17L * round));
                assertThat(limiter.tryAcquire(tenant, ApiGroup.OAUTH2, limit).remaining()).as("round %d", round)
                        .isEqualTo(before - 1);
            }
            assertThat(limiter.leased()).isPositive();
        }
    }

    /** 16 callers make {@code total} requests together (all allowed: the bucket is larger). */
    private static void drain16(String tenant, RateLimit limit, RedisRateLimiter limiter, int total) throws Exception {
        AtomicLong left = new AtomicLong(total);
        List<Future<?>> callers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            callers.add(CALLERS.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    assertThat(limiter.tryAcquire(tenant, ApiGroup.OAUTH2, limit).allowed()).isTrue();
                }
                return null;
            }));
        }
        for (Future<?> caller : callers) {
            caller.get();
        }
    }
}
