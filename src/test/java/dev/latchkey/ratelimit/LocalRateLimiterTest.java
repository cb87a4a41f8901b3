package dev.latchkey.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    private final TestClock clock = new TestClock();
    private final RateLimit limit = new RateLimit(60, 5, Duration.ofMinutes(1)); // 1 a second, burst 5

    @Test
    void aBucketAllowsItsBurstThenRefusesThenRefillsAtTheRate() {
        var limiter = new LocalRateLimiter(clock);
        for (int i = 4; i >= 0; i--) {
            RateLimitDecision d = limiter.tryAcquire("t1", ApiGroup.OAUTH2, limit);
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(i);
            assertThat(d.limit()).isEqualTo(5);
            assertThat(d.resetSeconds()).isEqualTo(5 - i);
        }
        RateLimitDecision refused = limiter.tryAcquire("t1", ApiGroup.OAUTH2, limit);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        // other groups and other tenants have buckets of their own
        assertThat(limiter.tryAcquire("t1", ApiGroup.ADMIN, limit).remaining()).isEqualTo(4);
        assertThat(limiter.tryAcquire("t2", ApiGroup.OAUTH2, limit).remaining()).isEqualTo(4);
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.tryAcquire("t1", ApiGroup.OAUTH2, limit).remaining()).isEqualTo(1);
    }

    @Test
    void sixteenConcurrentCallersGetExactlyTheBurst() throws Exception {
        var limiter = new LocalRateLimiter(clock);
        RateLimit big = new RateLimit(1, 1_000, Duration.ofHours(1));
        List<Callable<Integer>> callers = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            callers.add(() -> {
                int allowed = 0;
                for (int i = 0; i < 200; i++) {
                    allowed += limiter.tryAcquire("t", ApiGroup.OAUTH2, big).allowed() ? 1 : 0;
                }
                return allowed;
            });
        }
        int total = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Integer> f : pool.invokeAll(callers)) {
                total += f.get();
            }
        }
        assertThat(total).isEqualTo(1_000);
    }

    @Test
    void tenantsIdleForTenMinutesAreDroppedAndStartAgainWithAFullBucket() {
        var limiter = new LocalRateLimiter(clock);
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("idle", ApiGroup.OAUTH2, limit);
        }
        limiter.tryAcquire("busy", ApiGroup.OAUTH2, limit);
        assertThat(limiter.tenantCount()).isEqualTo(2);
        for (int minute = 0; minute < 11; minute++) {
            clock.advance(Duration.ofMinutes(1));
            limiter.tryAcquire("busy", ApiGroup.OAUTH2, limit);
        }
        assertThat(limiter.tenantCount()).isEqualTo(1);
        assertThat(limiter.tryAcquire("idle", ApiGroup.OAUTH2, limit).remaining()).isEqualTo(4);
        assertThat(limiter.tenantCount()).isEqualTo(2);
    }

    @Test
    void pastTheTenantCapNewTenantsShareOneOverflowBucketAndKnownTenantsKeepTheirs() {
        var limiter = new LocalRateLimiter(clock, 3);
        for (String t : List.of("a", "b", "c")) {
            assertThat(limiter.tryAcquire(t, ApiGroup.OAUTH2, limit).remaining()).isEqualTo(4);
        }
        // made-up tenants beyond the cap all spend from the same overflow bucket
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("made-up-" + i, ApiGroup.OAUTH2, limit).allowed()).isTrue();
        }
        assertThat(limiter.tryAcquire("made-up-99", ApiGroup.OAUTH2, limit).allowed()).isFalse();
        assertThat(limiter.tenantCount()).isEqualTo(3);
        // the known tenants' buckets are untouched by the flood
        assertThat(limiter.tryAcquire("a", ApiGroup.OAUTH2, limit).remaining()).isEqualTo(3);
        assertThat(limiter.tryAcquire("c", ApiGroup.OAUTH2, limit).remaining()).isEqualTo(3);
    }

    @Test
    void aChangedLimitStartsAFreshBucket() {
        var limiter = new LocalRateLimiter(clock);
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("t", ApiGroup.ADMIN, limit);
        }
        assertThat(limiter.tryAcquire("t", ApiGroup.ADMIN, limit).allowed()).isFalse();
        RateLimit raised = new RateLimit(60, 10, Duration.ofMinutes(1));
        RateLimitDecision d = limiter.tryAcquire("t", ApiGroup.ADMIN, raised);
        assertThat(d.allowed()).isTrue();
        assertThat(d.remaining()).isEqualTo(9);
        assertThat(d.limit()).isEqualTo(10);
    }

    @Test
    void aRateThatDoesNotDivideThePeriodRefillsNoFasterThanConfigured() {
        var limiter = new LocalRateLimiter(clock);
        RateLimit seven = new RateLimit(7, 1, Duration.ofMinutes(1)); // one token every 8.571428572 s
        assertThat(limiter.tryAcquire("t", ApiGroup.OAUTH2, seven).allowed()).isTrue();
        clock.advance(Duration.ofMillis(8_571));
        RateLimitDecision early = limiter.tryAcquire("t", ApiGroup.OAUTH2, seven);
        assertThat(early.allowed()).isFalse();
        assertThat(early.retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("t", ApiGroup.OAUTH2, seven).allowed()).isTrue();
    }

    @Test
    void hugeBurstsAndRatesDoNotOverflow() {
        var limiter = new LocalRateLimiter(clock);
        RateLimit slowAndDeep = new RateLimit(1, 1_000_000_000, Duration.ofDays(365)); // 3e25 ns of refill
        RateLimitDecision d = limiter.tryAcquire("t", ApiGroup.OAUTH2, slowAndDeep);
        assertThat(d.allowed()).isTrue();
        assertThat(d.remaining()).isPositive();
        RateLimit fast = new RateLimit(1_000_000_000, 1_000_000_000, Duration.ofSeconds(1)); // 1 ns a token
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.tryAcquire("t", ApiGroup.ADMIN, fast).allowed()).isTrue();
        }
        assertThat(limiter.tryAcquire("t", ApiGroup.ADMIN, fast).remaining()).isEqualTo(1_000_000_000 - 1_001);
    }

    @Test
    void aRequestJudgedAtAStaleTimeReadsTheClockAgainBeforeItIsRefused() {
        // burst 500 at 60 ns a token: the bucket holds 30 us of refill
        var slot = new LocalRateLimiter.Slot(new RateLimit(1_000_000_000, 500, Duration.ofMinutes(1)));
        long now = clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
        clock.advance(Duration.ofNanos(100_000));
        assertThat(slot.take(now + 100_000, clock).allowed()).isTrue();
        // a request whose thread read the time 100 us ago and lost its core before deciding
        RateLimitDecision late = slot.take(now, clock);
        assertThat(late.allowed()).isTrue();
        assertThat(late.remaining()).isEqualTo(498);
    }

    /**
     * The same decisions as a token bucket written the textbook way (a level that fills with elapsed time up to
     * the burst, one interval's worth taken per request), over random limits and request times.
     */
    @Property(tries = 300)
    void decidesAsATextbookTokenBucket(@ForAll @IntRange(min = 1, max = 5_000) int rate,
                                       @ForAll @IntRange(min = 1, max = 50) int burst,
                                       @ForAll @IntRange(min = 1, max = 3_600) int periodSeconds,
                                       @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 5_000) Long> gapsMillis) {
        var time = new TestClock();
        var limiter = new LocalRateLimiter(time);
        RateLimit limit = new RateLimit(rate, burst, Duration.ofSeconds(periodSeconds));
        long period = Duration.ofSeconds(periodSeconds).toNanos();
        long interval = (period + rate - 1) / rate;
        long capacity = burst * interval;
        long level = capacity; // nanoseconds of refill held
        for (long gap : gapsMillis) {
            time.advance(Duration.ofMillis(gap));
            level = Math.min(capacity, level + gap * 1_000_000);
            boolean expected = level >= interval;
            if (expected) {
                level -= interval;
            }
            RateLimitDecision d = limiter.tryAcquire("t", ApiGroup.OAUTH2, limit);
            assertThat(d.allowed()).isEqualTo(expected);
            assertThat(d.remaining()).isEqualTo(expected ? level / interval : 0);
            assertThat(d.resetSeconds()).isEqualTo((capacity - level + 999_999_999) / 1_000_000_000);
        }
    }
}
