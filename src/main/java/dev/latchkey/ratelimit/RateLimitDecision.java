package dev.latchkey.ratelimit;

/**
 * The outcome of one request against its bucket, with what the rate-limit headers report: the burst
 * ({@code X-RateLimit-Limit}), tokens left ({@code X-RateLimit-Remaining}), whole seconds until the
 * bucket is full again ({@code X-RateLimit-Reset}) and, when refused, whole seconds until one token is
 * back ({@code Retry-After}).
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long resetSeconds,
                                long retryAfterSeconds) {
}
