package dev.latchkey.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Token buckets shared by every node through Redis, so that several nodes spend one budget per
 * (tenant, group). A bucket's key holds the tenant, the module and the limit's
 * values ({@code latchkey:ratelimit:{tid}:{module}:{rate}:{burst}:{period}}): a changed limit starts a
 * fresh bucket, as in {@link LocalRateLimiter}. Keys expire once the bucket would be full again, so Redis
 * holds only buckets that are in use.
 *
 * <p>A Lua script ({@code ratelimit/token-bucket.lua}) refills and takes tokens atomically on the server, by
 * {@code EVALSHA}: one round trip per request, or fewer: requests for a bucket whose round trip is in flight
 * wait for it and then go together as one take of n tokens ({@link Coalescer}), which keeps the count
 * exact. (Bucket4j's Redis integration, used before, is compare-and-swap: a read and a conditional write,
 * two round trips per request; see docs/rate-limiting.md.) The refill is computed with the caller's clock (the injected {@link Clock}, so
 * tests control it): nodes' clocks must agree (NTP); a skew of d shifts a node's view of the refill by d.
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
    private static final String SCRIPT = script();

    private final Clock clock;
    private final Duration commandTimeout;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile String scriptSha;
    private final Coalescer coalescer = new Coalescer(this::roundTrip, new Leases(System::nanoTime));
    private final ScheduledExecutorService leaseReturns = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ratelimit-lease-returns");
        t.setDaemon(true);
        return t;
    });

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
        this.clock = clock;
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        long every = Leases.TTL_NANOS / 2;
        leaseReturns.scheduleWithFixedDelay(() -> {
            if (connection != null) {
                coalescer.giveBack(false);
            }
        }, every, every, TimeUnit.NANOSECONDS);
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
     * does not pay for loading classes and for Redis loading the script; failures are ignored.
     */
    public void warmUp() {
        try {
            tryAcquire("_warmup", ApiGroup.SYSTEM, new RateLimit(1, 1, Duration.ofSeconds(1)));
        } catch (RuntimeException ignored) {
            // the first real request will tell
        }
    }

    private StatefulRedisConnection<String, String> connected() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (connection == null) {
                StatefulRedisConnection<String, String> made = client.connect();
                scriptSha = made.sync().scriptLoad(SCRIPT);
                connection = made;
            }
            return connection;
        }
    }

    @Override
    public RateLimitDecision tryAcquire(String tenantId, ApiGroup group, RateLimit limit) {
        if (connection == null) {
            throw new IllegalStateException("not connected to Redis yet");
        }
        String key = KEY_PREFIX + tenantId + ":" + group.module() + ":" + limit.rate() + ":" + limit.burst() + ":"
                + limit.period();
        Coalescer.Share share;
        try {
            share = coalescer.take(key, limit, commandTimeout.toNanos());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Redis rate limiting failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis did not answer within " + commandTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        }
        long retryAfter = share.allowed() ? 0 : Math.max(1, (share.waitMicros() + 999_999L) / 1_000_000L);
        return new RateLimitDecision(share.allowed(), limit.burst(), share.remaining(),
                limit.secondsUntilFull(share.remaining()), retryAfter);
    }

    /**
     * One EVALSHA giving {@code returned} tokens back and then taking {@code count} tokens and up to {@code extra} in
     * advance (EVAL if Redis has lost the script), timed by the clock now.
     */
    private CompletionStage<Coalescer.Take> roundTrip(String key, RateLimit limit, long count, long extra,
                                                      long returned) {
        StatefulRedisConnection<String, String> c = connection;
        String[] keys = {key};
        Instant now = clock.instant();
        String[] args = {Long.toString(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000),
                Long.toString(limit.burst()), Long.toString(limit.rate()), Long.toString(limit.period().toNanos() / 1_000),
                Long.toString(count), Long.toString(extra), Long.toString(Leases.reserve(limit)), Long.toString(returned)};
        return c.async().<List<Long>>evalsha(scriptSha, ScriptOutputType.MULTI, keys, args).toCompletableFuture()
                .exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
                        // Redis lost its script cache (restart, SCRIPT FLUSH): EVAL sends the script and caches it again
                        ? c.async().<List<Long>>eval(SCRIPT, ScriptOutputType.MULTI, keys, args)
                        : CompletableFuture.failedFuture(unwrap(e)))
                .thenApply(r -> new Coalescer.Take(r.get(0), r.get(1), r.get(2), r.get(3)));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** Limited requests so far (each asked for one token). */
    public long requests() {
        return coalescer.requests();
    }

    /** Requests decided from tokens taken in advance (no round trip of their own) so far. */
    public long leased() {
        return coalescer.leased();
    }

    /** Round trips to Redis for them so far: fewer than {@link #requests()} when requests were coalesced. */
    public long roundTrips() {
        return coalescer.roundTrips();
    }

    /**
     * Publishes {@code latchkey.ratelimit.redis.requests} and {@code latchkey.ratelimit.redis.round.trips}
     * (Prometheus: {@code latchkey_ratelimit_redis_requests_total}, {@code ..._round_trips_total}): their ratio is
     * the number of requests one round trip served on average.
     */
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("latchkey.ratelimit.redis.requests", this, RedisRateLimiter::requests)
                .description("Requests limited with the buckets in Redis").register(registry);
        FunctionCounter.builder("latchkey.ratelimit.redis.leased", this, RedisRateLimiter::leased)
                .description("Of those, requests decided from tokens taken in advance, without a round trip")
                .register(registry);
        FunctionCounter.builder("latchkey.ratelimit.redis.round.trips", this, RedisRateLimiter::roundTrips)
                .description("Round trips to Redis for them (one for several requests to one bucket at once)")
                .register(registry);
    }

    /** Requests queued behind a round trip of their bucket right now (for tests). */
    int queued() {
        return coalescer.queued();
    }

    private static String script() {
        try (InputStream in = RedisRateLimiter.class.getResourceAsStream("/ratelimit/token-bucket.lua")) {
            if (in == null) {
                throw new IllegalStateException("ratelimit/token-bucket.lua is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        leaseReturns.shutdownNow();
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            coalescer.giveBack(true);
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
