package dev.latchkey.bench;

import dev.latchkey.ratelimit.ApiGroup;
import dev.latchkey.ratelimit.LocalRateLimiter;
import dev.latchkey.ratelimit.RateLimit;
import dev.latchkey.ratelimit.RateLimitDecision;
import dev.latchkey.ratelimit.RateLimiter;
import dev.latchkey.ratelimit.RedisRateLimiter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One rate-limit decision, as the rate-limit filter takes it for every request of a limited route: the
 * in-memory bucket ({@code local}) and the shared Redis bucket ({@code redis}, one script round trip to
 * the Redis at 127.0.0.1:6379). The limit is far above the call rate, so every call is allowed, the
 * common case. Compare with {@code TokenBenchmark.issue} in the same run: the issue budgets the limiter
 * at 2 % of a token request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RateLimiterBenchmark {

    @Param({"local", "redis"})
    public String store;

    RateLimiter limiter;
    final RateLimit limit = new RateLimit(1_000_000_000L, 1_000_000_000L, Duration.ofSeconds(1));

    @Setup
    public void setUp() {
        if ("redis".equals(store)) {
            RedisRateLimiter redis = new RedisRateLimiter("redis://127.0.0.1:6379", Clock.systemUTC(),
                    Duration.ofSeconds(1));
            redis.ping();
            limiter = redis;
        } else {
            limiter = new LocalRateLimiter(Clock.systemUTC());
        }
    }

    @TearDown
    public void tearDown() {
        if (limiter instanceof RedisRateLimiter redis) {
            redis.close();
        }
    }

    @Benchmark
    public RateLimitDecision tryAcquire() {
        return limiter.tryAcquire("bench-tenant", ApiGroup.OAUTH2, limit);
    }
}
