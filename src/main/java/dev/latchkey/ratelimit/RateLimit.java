package dev.latchkey.ratelimit;

import java.time.Duration;

/**
 * A token-bucket limit (root API's {@code RateLimitModel}): {@code burst} requests may pass at once (the
 * bucket's capacity), refilled at {@code rate} per {@code period}.
 */
public record RateLimit(long rate, long burst, Duration period) {

    public RateLimit {
        if (rate < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1");
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be a positive duration");
        }
    }

    /** Seconds until an empty-handed bucket holding {@code remaining} tokens is full again, rounded up. */
    public long secondsUntilFull(long remaining) {
        long missing = Math.max(0, burst - remaining);
        double nanos = (double) missing * period.toNanos() / rate;
        return (long) Math.ceil(nanos / 1_000_000_000d);
    }
}
