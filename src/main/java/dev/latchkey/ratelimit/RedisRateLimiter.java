package dev.latchkey.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets shared by every node through Redis (Bucket4j's Lettuce integration), so that several
 * nodes spend one budget per (tenant, group). A bucket's key holds the tenant, the module and the limit's
 * values ({@code latchkey:ratelimit:{tid}:{module}:{rate}:{burst}:{period}}): a changed limit starts a
 * fresh bucket, as in {@link LocalRateLimiter}. Keys expire once the bucket would be full again, so Redis
 * holds only buckets that are in use.
 *
 * <p>Bucket4j's Redis integration is compare-and-swap: the node reads the bucket's state, computes the
 * refill with its own clock (the injected {@link Clock}, not Redis' time) and writes it back only if
 * nobody changed it meanwhile. Nodes' clocks must therefore agree (NTP); a skew of d shifts a node's view
 * of the refill by d. Requests of this node for one bucket that arrive together share one read and
 * compare-and-swap (Bucket4j's batching).
 *
 * <p>A request waits at most the command timeout for Redis (default given by the caller; the URL's
 * {@code timeout} parameter, e.g. {@code redis://host:6379?timeout=500ms}, overrides it), and commands fail
 * at once while the connection is down (no queueing); {@link FailoverRateLimiter} turns such failures into
 * local limiting. Connecting and PING (never on a request's path) may take up to {@link #CONNECT_TIMEOUT}.
 * The connection is made by {@link #ping()} and then reconnects by itself.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    /** Every key this limiter writes starts with this. */
    public static final String KEY_PREFIX = "latchkey:ratelimit:";
    /** Longest wait for connecting (TCP and handshake) and for PING. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final TimeMeter time;
    private final Duration commandTimeout;
    private final Cache<String, BucketProxy> proxies = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> buckets;

    /**
     * @param url            {@code redis://[[user]:password@]host[:port][/database]} (or {@code rediss://})
     * @param clock          the time buckets refill by
     * @param commandTimeout how long a request may wait for Redis before it is limited locally, unless the URL
     *                       has a {@code timeout} parameter
     */
    public RedisRateLimiter(String url, Clock clock, Duration commandTimeout) {
        this.uri = parse(url);
        this.commandTimeout = url.toLowerCase(Locale.ROOT).matches(".*[?&]timeout=.*") ? uri.getTimeout()
                : commandTimeout;
        this.uri.setTimeout(CONNECT_TIMEOUT.compareTo(this.commandTimeout) > 0 ? CONNECT_TIMEOUT : this.commandTimeout);
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
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(uri.getTimeout()))
                .build());
    }

    /** Checks a Redis URL ({@code --redis-url}): IllegalArgumentException with a readable message if it is not one. */
    public static void check(String url) {
        parse(url);
    }

    private static RedisURI parse(String url) {
        if (url == null || !url.matches("(?i)rediss?://.+")) {
            throw new IllegalArgumentException("must look like redis://host:port");
        }
        try {
            return RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Redis URL: " + e.getMessage());
        }
    }

    /** How long a request waits for Redis at most. */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** Host and port, for logs (never the password). */
    public String address() {
        return uri.getHost() + ":" + uri.getPort();
    }

    /** Connects if not yet connected and sends PING; throws when Redis is unreachable. */
    public void ping() {
        connected().sync().ping();
    }

    /**
     * Spends from a throw-away bucket (its key expires within two seconds) so that the first real request
     * does not pay for loading classes and for Redis compiling the scripts; failures are ignored.
     */
    public void warmUp() {
        try {
            tryAcquire("_warmup", ApiGroup.SYSTEM, new RateLimit(1, 1, Duration.ofSeconds(1)));
        } catch (RuntimeException ignored) {
            // the first real request will tell
        }
    }

    private StatefulRedisConnection<String, byte[]> connected() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (connection == null) {
                StatefulRedisConnection<String, byte[]> made =
                        client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                buckets = Bucket4jLettuce.casBasedBuilder(made)
                        .clientClock(time)
                        .requestTimeout(commandTimeout)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy
                                .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
                        .build();
                connection = made;
            }
            return connection;
        }
    }

    @Override
    public RateLimitDecision tryAcquire(String tenantId, ApiGroup group, RateLimit limit) {
        ProxyManager<String> buckets = this.buckets;
        if (buckets == null) {
            throw new IllegalStateException("not connected to Redis yet");
        }
        String key = KEY_PREFIX + tenantId + ":" + group.module() + ":" + limit.rate() + ":" + limit.burst() + ":"
                + limit.period();
        BucketProxy bucket = proxies.get(key, k -> buckets.builder()
                .withOptimization(Optimizations.batching())
                .build(k, () -> BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.rate(), limit.period())
                                .build())
                        .build()));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long remaining = probe.getRemainingTokens();
        long retryAfter = probe.isConsumed() ? 0
                : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new RateLimitDecision(probe.isConsumed(), limit.burst(), remaining, limit.secondsUntilFull(remaining),
                retryAfter);
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
