package dev.latchkey.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

class RedisOverheadProbeTest {
    @Test
    void measure() throws Exception {
        RateLimit limit = new RateLimit(1_000_000_000L, 1_000_000_000L, Duration.ofMinutes(1));
        var local = new LocalRateLimiter(Clock.systemUTC());
        try (var redis = new RedisRateLimiter("redis://127.0.0.1:6379", Clock.systemUTC(), Duration.ofMillis(150))) {
            redis.ping();
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 5000; i++) local.tryAcquire("bench", ApiGroup.OAUTH2, limit);
                long t1 = System.nanoTime();
                for (int i = 0; i < 5000; i++) redis.tryAcquire("bench", ApiGroup.OAUTH2, limit);
                long t2 = System.nanoTime();
                System.out.printf("OVERHEAD local %.1f us/op, redis %.1f us/op%n", (t1 - t0) / 5000e3, (t2 - t1) / 5000e3);
            }
        }
        RedisSharedBudgetTest.deleteLimiterKeys();
    }
}
