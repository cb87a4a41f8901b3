package dev.latchkey.app;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.http.RateLimitFilter;
import dev.latchkey.http.api.RateLimitsResource;
import dev.latchkey.manage.RateLimitAdmin;
import dev.latchkey.ratelimit.CountedRateLimiter;
import dev.latchkey.ratelimit.FailoverRateLimiter;
import dev.latchkey.ratelimit.JdbiRateLimitRepository;
import dev.latchkey.ratelimit.LocalRateLimiter;
import dev.latchkey.ratelimit.RateLimitPolicies;
import dev.latchkey.ratelimit.RateLimitSettings;
import dev.latchkey.ratelimit.RateLimiter;
import dev.latchkey.ratelimit.RedisRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The rate-limiting parts: policies in force, the bucket store (Redis with local fallback when a Redis URL
 * is configured and limiting is on, else in memory), the request filter. Wiring only.
 */
record RateLimiting(RateLimitPolicies policies, RateLimitFilter filter, RateLimitAdmin admin,
                    Optional<FailoverRateLimiter> shared) implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RateLimiting.class);

    static RateLimiting build(Core core, String setting, Optional<String> redisUrl, MeterRegistry metrics) {
        RateLimitSettings.Globals globals = RateLimitSettings.parse(setting);
        var repository = new JdbiRateLimitRepository(core.database().jdbi());
        var policies = new RateLimitPolicies(globals.limits(), globals.enabled(), repository, core.bus());
        var local = new LocalRateLimiter(core.clock());
        Optional<FailoverRateLimiter> shared = Optional.empty();
        if (redisUrl.isPresent() && globals.enabled()) {
            var redis = new RedisRateLimiter(redisUrl.get(), core.clock(), Duration.ofMillis(200));
            redis.bindTo(metrics);
            shared = Optional.of(new FailoverRateLimiter(redis, local, Duration.ofSeconds(2)));
        } else if (redisUrl.isPresent()) {
            LOG.info("rate limiting is off: the Redis URL is not used");
        }
        RateLimiter limiter = new CountedRateLimiter(shared.isPresent() ? shared.get() : local, metrics);
        return new RateLimiting(policies, new RateLimitFilter(policies, limiter, core.securityEvents()),
                new RateLimitAdmin(repository, core.tenants(), core.database(), core.audit(), core.bus()), shared);
    }

    RateLimitsResource resource(ApiCallerAuth auth) {
        return new RateLimitsResource(auth, policies, admin);
    }

    /** The {@code /ready} detail: where buckets live, when they are meant to be shared in Redis. */
    Map<String, String> readiness() {
        return shared.map(s -> Map.of("rate_limits", s.mode())).orElse(Map.of());
    }

    /** Closes the Redis connection, if any. */
    @Override
    public void close() {
        shared.ifPresent(FailoverRateLimiter::close);
    }
}
