package dev.latchkey.ratelimit;

/** Takes one token from the bucket of (tenant, group) under {@code limit}. Thread-safe. */
public interface RateLimiter {

    RateLimitDecision tryAcquire(String tenantId, ApiGroup group, RateLimit limit);
}
