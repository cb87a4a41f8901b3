package dev.latchkey.bench;

import dev.latchkey.ratelimit.ApiGroup;
import dev.latchkey.ratelimit.LocalRateLimiter;
import dev.latchkey.ratelimit.RateLimit;
import dev.latchkey.ratelimit.RateLimitDecision;
import dev.latchkey.ratelimit.RateLimiter;
import dev.latchkey.ratelimit.RedisRateLimiter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One rate-limit decision, as the rate-limit filter takes it for every request of a limited route: the
 * in-memory bucket ({@code local}) and the shared Redis bucket ({@code redis}, one script round trip to
 * the Redis at 127.0.0.1:6379). The limit is far above the call rate, so every call is allowed, the
 * common case. Compare with {@code TokenBenchmark.issue} in the same run: the issue budgets the limiter
 * at 2 % of a token request.
 *
 * <p>{@code tryAcquire} is one caller; {@code tryAcquireFrom16Threads} is 16 callers at once on one bucket
 * (one tenant's token requests on a busy node), where Redis-mode requests coalesce: the time is each
 * caller's (so 16 / time is the node's decisions per second). In Redis mode each iteration also prints how
 * many decisions one round trip served and the CPU time per decision: of this JVM (the node's side, with
 * JMH's own small share) and of the Redis server (from its {@code INFO cpu}; other clients of that Redis
 * count too). On a shared machine CPU time per decision is steadier than the time per call.
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

    private RedisClient info;
    private StatefulRedisConnection<String, String> infoConnection;
    private long requests0;
    private long roundTrips0;
    private long cpu0;
    private double redisCpu0;

    @Setup(Level.Iteration)
    public void startCounting() {
        if (limiter instanceof RedisRateLimiter redis) {
            if (info == null) {
                info = RedisClient.create("redis://127.0.0.1:6379");
                infoConnection = info.connect();
            }
            requests0 = redis.requests();
            roundTrips0 = redis.roundTrips();
            cpu0 = processCpuNanos();
            redisCpu0 = redisCpuSeconds();
        }
    }

    @TearDown(Level.Iteration)
    public void report() {
        if (limiter instanceof RedisRateLimiter redis) {
            long cpu = processCpuNanos() - cpu0;
            double redisCpu = redisCpuSeconds() - redisCpu0;
            long decisions = Math.max(1, redis.requests() - requests0);
            long roundTrips = Math.max(1, redis.roundTrips() - roundTrips0);
            System.out.printf("(%d decisions, %.2f per round trip; CPU per decision: JVM %.1f µs, redis-server %.1f µs) ",
                    decisions, (double) decisions / roundTrips, cpu / 1e3 / decisions, redisCpu * 1e6 / decisions);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private double redisCpuSeconds() {
        double seconds = 0;
        for (String line : infoConnection.sync().info("cpu").split("\r?\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return seconds;
    }

    @TearDown
    public void tearDown() {
        if (infoConnection != null) {
            infoConnection.close();
            info.shutdown();
        }
        if (limiter instanceof RedisRateLimiter redis) {
            redis.close();
        }
    }

    @Benchmark
    public RateLimitDecision tryAcquire() {
        return limiter.tryAcquire("bench-tenant", ApiGroup.OAUTH2, limit);
    }

    @Benchmark
    @Threads(16)
    public RateLimitDecision tryAcquireFrom16Threads() {
        return limiter.tryAcquire("bench-tenant", ApiGroup.OAUTH2, limit);
    }
}
