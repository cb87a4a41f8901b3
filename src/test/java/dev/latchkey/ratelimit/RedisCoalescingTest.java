package dev.latchkey.ratelimit;

import dev.latchkey.testing.TestClock;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Request coalescing of the Redis buckets ({@link Coalescer}), on the real Redis at 127.0.0.1:6379: requests
 * for a bucket whose round trip is in flight go together in the next one, and exactly as many pass as
 * one-at-a-time takes would let pass. To hold a round trip in flight for as long as the test needs, the
 * limiter talks to Redis through a relay that can hold Redis' answers back ({@link RedisRelay#pause()}).
 */
class RedisCoalescingTest {

    private static final String URL = "redis://127.0.0.1:6379";
    private static final TestClock CLOCK = new TestClock();
    private static final ExecutorService CALLERS = Executors.newVirtualThreadPerTaskExecutor();

    @AfterAll
    static void cleanUp() {
        CALLERS.shutdownNow();
        RedisSharedBudgetTest.deleteLimiterKeys();
    }

    private static String tenant() {
        return "t-" + UUID.randomUUID(); // a fresh bucket per test, whatever Redis holds
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); !condition.getAsBoolean(); ) {
            assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(end);
            Thread.sleep(2);
        }
    }

    /**
     * A limiter talking to Redis through a relay that holds Redis' answers back: its first request (made by
     * {@code request}) has reached Redis, and is in flight until the relay resumes.
     */
    private record Stalled<T>(RedisRelay relay, RedisRateLimiter limiter, Future<T> first) implements AutoCloseable {

        static <T> Stalled<T> start(Duration timeout, Function<RedisRateLimiter, T> request) throws Exception {
            int port = TestServer.freePort();
            RedisRelay relay = RedisRelay.start(port);
            RedisRateLimiter limiter = new RedisRateLimiter("redis://127.0.0.1:" + port, CLOCK, timeout);
            connect(limiter);
            relay.pause();
            Future<T> first = CALLERS.submit(() -> request.apply(limiter));
            await(() -> limiter.roundTrips() == 1, "the first round trip");
            return new Stalled<>(relay, limiter, first);
        }

        @Override
        public void close() {
            limiter.close();
            relay.stop();
        }
    }

    /** Connects (PING), with a few tries: the first connection of a loaded test JVM may take over a second. */
    private static void connect(RedisRateLimiter limiter) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                limiter.ping();
                return;
            } catch (RuntimeException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Test
    void requestsArrivingDuringARoundTripGoTogetherInTheNextAndGrantsFollowArrivalOrder() throws Exception {
        String tenant = tenant();
        RateLimit limit = new RateLimit(60, 10, Duration.ofHours(1)); // burst 10, a token a minute
        try (Stalled<RateLimitDecision> stalled = Stalled.start(Duration.ofSeconds(10),
                limiter -> limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit))) {
            RedisRateLimiter limiter = stalled.limiter();
            List<Future<RateLimitDecision>> queued = new ArrayList<>();
            for (int i = 1; i <= 15; i++) { // one after the other, so that the arrival order is known
                queued.add(CALLERS.submit(() -> limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit)));
                int n = i;
                await(() -> limiter.queued() == n, n + " requests queued");
            }
            assertThat(limiter.roundTrips()).isEqualTo(1);
            stalled.relay().resume();

            RateLimitDecision alone = stalled.first().get(10, TimeUnit.SECONDS);
            assertThat(alone.allowed()).isTrue();
            assertThat(alone.remaining()).isEqualTo(9);
            for (int i = 0; i < 15; i++) {
                RateLimitDecision d = queued.get(i).get(10, TimeUnit.SECONDS);
                assertThat(d.limit()).isEqualTo(10);
                if (i < 9) { // the nine tokens left go to the first nine in arrival order, as one at a time would
                    assertThat(d.allowed()).as("request %d", i + 2).isTrue();
                    assertThat(d.remaining()).as("request %d", i + 2).isEqualTo(8 - i);
                    assertThat(d.resetSeconds()).isEqualTo((long) (10 - (8 - i)) * 60);
                } else {
                    assertThat(d.allowed()).as("request %d", i + 2).isFalse();
                    assertThat(d.remaining()).isZero();
                    assertThat(d.retryAfterSeconds()).isEqualTo(60);
                }
            }
            assertThat(limiter.requests()).isEqualTo(16);
            assertThat(limiter.roundTrips()).isEqualTo(2); // sixteen requests, two EVALSHA
            assertThat(limiter.queued()).isZero();
        }
    }

    @Test
    void sixteenConcurrentCallersOnTwoNodesGetExactlyTheBurstInFewerRoundTripsThanRequests() throws Exception {
        try (RedisRateLimiter a = new RedisRateLimiter(URL, CLOCK, Duration.ofSeconds(10));
             RedisRateLimiter b = new RedisRateLimiter(URL, CLOCK, Duration.ofSeconds(10))) {
            connect(a);
            connect(b);
            String tenant = tenant();
            RateLimit limit = new RateLimit(1, 100, Duration.ofHours(1)); // burst 100, nothing refills meanwhile
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<RateLimitDecision>>> callers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                RedisRateLimiter node = t % 2 == 0 ? a : b;
                callers.add(CALLERS.submit(() -> {
                    go.await();
                    List<RateLimitDecision> mine = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        mine.add(node.tryAcquire(tenant, ApiGroup.OAUTH2, limit));
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<Long> remainingWhenAllowed = new ArrayList<>();
            int refused = 0;
            for (Future<List<RateLimitDecision>> caller : callers) {
                for (RateLimitDecision d : caller.get(60, TimeUnit.SECONDS)) {
                    if (d.allowed()) {
                        remainingWhenAllowed.add(d.remaining());
                    } else {
                        refused++;
                        assertThat(d.retryAfterSeconds()).isEqualTo(3600);
                    }
                }
            }
            // exactly the burst passed, each with the Remaining one-at-a-time takes would have reported
            assertThat(remainingWhenAllowed).hasSize(100);
            assertThat(remainingWhenAllowed).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.LongStream.range(0, 100).boxed().toList());
            assertThat(refused).isEqualTo(300);
            assertThat(a.requests() + b.requests()).isEqualTo(400);
            assertThat(a.roundTrips() + b.roundTrips()).isLessThan(400);
        }
    }

    @Test
    void aStalledRoundTripHoldsNoRequestLongerThanTheTimeoutAndAQueuedOneTakesNothing() throws Exception {
        String tenant = tenant();
        RateLimit limit = new RateLimit(60, 5, Duration.ofHours(1));
        try (Stalled<Long> stalled = Stalled.start(Duration.ofMillis(300),
                limiter -> timedFailure(limiter, tenant, limit))) {
            RedisRateLimiter limiter = stalled.limiter();
            Future<Long> sent = stalled.first();
            Future<Long> queued = CALLERS.submit(() -> timedFailure(limiter, tenant, limit));
            await(() -> limiter.queued() == 1 || queued.isDone(), "the second request queued");
            assertThat(sent.get(10, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(3).toMillis());
            assertThat(queued.get(10, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(3).toMillis());
            assertThat(limiter.queued()).isZero(); // the queued request left the queue when it gave up
            stalled.relay().resume();

            // the answer held back arrives (or Lettuce gives up on it): the bucket's next request is answered
            RateLimitDecision next = limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit);
            assertThat(next.allowed()).isTrue();
            // the round trip sent took its token in Redis; the request that only queued took none
            assertThat(next.remaining()).isEqualTo(3);
            assertThat(limiter.roundTrips()).isEqualTo(2);
        }
    }

    /** Milliseconds until the limiter gave up on Redis (it must throw: Redis does not answer). */
    private static long timedFailure(RedisRateLimiter limiter, String tenant, RateLimit limit) {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> limiter.tryAcquire(tenant, ApiGroup.ADMIN, limit))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not answer within 300 ms");
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
