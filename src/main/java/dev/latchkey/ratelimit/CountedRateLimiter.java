package dev.latchkey.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;

/**
 * A {@link RateLimiter} that counts the requests it refuses, per group ({@code latchkey.ratelimit.rejections},
 * tag {@code group}: the module name, e.g. {@code oauth2}); never per tenant, whose number is unbounded. The
 * counters are made once, so a request allocates nothing more.
 */
public final class CountedRateLimiter implements RateLimiter {

    public static final String METER = "latchkey.ratelimit.rejections";

    private final RateLimiter delegate;
    private final Map<ApiGroup, Counter> rejections = new EnumMap<>(ApiGroup.class);

    public CountedRateLimiter(RateLimiter delegate, MeterRegistry registry) {
        this.delegate = delegate;
        for (ApiGroup group : ApiGroup.values()) {
            rejections.put(group, Counter.builder(METER).description("Requests refused by a rate limit (429)")
                    .tag("group", group.module()).register(registry));
        }
    }

    @Override
    public RateLimitDecision tryAcquire(String tenantId, ApiGroup group, RateLimit limit) {
        RateLimitDecision decision = delegate.tryAcquire(tenantId, group, limit);
        if (!decision.allowed()) {
            rejections.get(group).increment();
        }
        return decision;
    }
}
