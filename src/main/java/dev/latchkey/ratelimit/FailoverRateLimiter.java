package dev.latchkey.ratelimit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Shared buckets in Redis with local buckets as the fallback, so that the limiter never refuses or fails
 * a request because Redis is down. A failed or slow Redis command (short timeout) opens the circuit: this
 * request and the following ones spend from the local buckets, and Redis is probed (PING, in a background
 * thread, so no request waits for it) at most every {@code retryEvery}; the first successful probe
 * closes the circuit. Each transition is logged once: WARN when falling back, INFO when Redis is back.
 * While local, each node has its own budget (the per-node limits are the configured ones).
 */
public final class FailoverRateLimiter implements RateLimiter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverRateLimiter.class);

    private final RedisRateLimiter redis;
    private final RateLimiter local;
    private final long retryEveryNanos;
    private final AtomicBoolean shared = new AtomicBoolean(false);
    private final AtomicBoolean probing = new AtomicBoolean(false);
    private volatile long nextProbeNanos;

    /** Connects to Redis now (once, briefly); starts local if it is unreachable. */
    public FailoverRateLimiter(RedisRateLimiter redis, RateLimiter local, Duration retryEvery) {
        this.redis = redis;
        this.local = local;
        this.retryEveryNanos = retryEvery.toNanos();
        try {
            redis.ping();
            redis.warmUp();
            shared.set(true);
            LOG.info("rate limits: buckets shared in Redis at {} (a request waits at most {} ms for it)",
                    redis.address(), redis.commandTimeout().toMillis());
        } catch (RuntimeException e) {
            nextProbeNanos = System.nanoTime() + retryEveryNanos;
            LOG.warn("rate limits: Redis at {} is unreachable ({}); limiting with local buckets until it is back",
                    redis.address(), reason(e));
        }
    }

    @Override
    public RateLimitDecision tryAcquire(String tenantId, ApiGroup group, RateLimit limit) {
        if (shared.get()) {
            try {
                return redis.tryAcquire(tenantId, group, limit);
            } catch (RuntimeException e) {
                fallBack(e);
            }
        } else {
            probeIfDue();
        }
        return local.tryAcquire(tenantId, group, limit);
    }

    /** True while buckets are shared in Redis (false: local buckets, Redis unreachable). */
    public boolean shared() {
        probeIfDue();
        return shared.get();
    }

    /** What {@code GET /ready} reports: {@code redis} or {@code local (redis unreachable)}. */
    public String mode() {
        return shared() ? "redis" : "local (redis unreachable)";
    }

    private void fallBack(RuntimeException e) {
        nextProbeNanos = System.nanoTime() + retryEveryNanos;
        if (shared.compareAndSet(true, false)) {
            LOG.warn("rate limits: Redis at {} failed ({}); limiting with local buckets until it is back",
                    redis.address(), reason(e));
        }
    }

    private void probeIfDue() {
        if (shared.get() || System.nanoTime() - nextProbeNanos < 0 || !probing.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("latchkey-redis-probe").start(() -> {
            try {
                redis.ping();
                if (shared.compareAndSet(false, true)) {
                    LOG.info("rate limits: Redis at {} is reachable again; buckets are shared again", redis.address());
                }
            } catch (RuntimeException e) {
                LOG.debug("rate limits: Redis still unreachable: {}", reason(e));
            } finally {
                nextProbeNanos = System.nanoTime() + retryEveryNanos;
                probing.set(false);
            }
        });
    }

    private static String reason(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getClass().getSimpleName() + ": " + root;
    }

    @Override
    public void close() {
        redis.close();
    }
}
