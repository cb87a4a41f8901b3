package dev.latchkey.http;

import dev.latchkey.audit.SecurityEvents;
import dev.latchkey.ratelimit.ApiGroup;
import dev.latchkey.ratelimit.RateLimit;
import dev.latchkey.ratelimit.RateLimitDecision;
import dev.latchkey.ratelimit.RateLimitPolicies;
import dev.latchkey.ratelimit.RateLimiter;
import dev.latchkey.support.ApiException;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Spends one token of the request's (tenant, group) bucket before routing. Every limited response
 * carries {@code X-RateLimit-Limit} (the burst), {@code X-RateLimit-Remaining} (requests that could pass
 * now) and {@code X-RateLimit-Reset} (whole seconds, rounded up, until the bucket is full again); a
 * refused request gets 429 with {@code Retry-After} (whole seconds, rounded up) and "Too many requests"
 * in the surface's error format. Nothing is read from the database. A refusal is an audit event
 * ({@link SecurityEvents#rateLimited}, itself limited to one a minute per tenant, group and address).
 */
public final class RateLimitFilter {

    static final HeaderName LIMIT = HeaderNames.create("X-RateLimit-Limit");
    static final HeaderName REMAINING = HeaderNames.create("X-RateLimit-Remaining");
    static final HeaderName RESET = HeaderNames.create("X-RateLimit-Reset");

    /** Prepared headers for the small values most responses carry (validated and encoded once: {@link PreparedHeader}). */
    private static final HeaderCache SMALL_REMAINING = new HeaderCache(REMAINING, 4096);
    private static final HeaderCache SMALL_RESET = new HeaderCache(RESET, 3600);

    /** The last {@code X-RateLimit-Limit} header sent per group (the burst rarely changes). */
    private final AtomicReferenceArray<LimitHeader> limitHeaders =
            new AtomicReferenceArray<>(ApiGroup.values().length);
    private final RateLimitPolicies policies;
    private final RateLimiter limiter;
    private final SecurityEvents events;

    public RateLimitFilter(RateLimitPolicies policies, RateLimiter limiter, SecurityEvents events) {
        this.policies = policies;
        this.limiter = limiter;
        this.events = events;
    }

    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (policies.enabled()) {
            String path = req.path().path();
            RouteGroups.Target target = RouteGroups.target(path);
            RateLimit limit = target == null ? null : policies.limitOrNull(target.tenantId(), target.group());
            if (limit != null) {
                spend(req, res, path, target, limit);
            }
        }
        chain.proceed();
    }

    private void spend(RoutingRequest req, RoutingResponse res, String path, RouteGroups.Target target,
                       RateLimit limit) {
        RateLimitDecision decision = limiter.tryAcquire(target.tenantId(), target.group(), limit);
        res.header(limitHeader(target.group().ordinal(), decision.limit()));
        res.header(SMALL_REMAINING.of(decision.remaining()));
        res.header(SMALL_RESET.of(decision.resetSeconds()));
        if (!decision.allowed()) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            events.rateLimited(RequestOrigins.of(req), target.tenantId(), workspaceOf(path),
                    target.group().module(), path);
            throw new ApiException(429, "too_many_requests", "Too many requests");
        }
    }

    private Header limitHeader(int group, long burst) {
        LimitHeader last = limitHeaders.get(group);
        if (last == null || last.burst() != burst) {
            last = new LimitHeader(burst, PreparedHeader.of(LIMIT, burst));
            limitHeaders.set(group, last);
        }
        return last.header();
    }

    private record LimitHeader(long burst, Header header) {
    }

    /** Headers of one name for the values 0 to size - 1, made on first use; larger values are made each time. */
    private static final class HeaderCache {
        private final HeaderName name;
        private final AtomicReferenceArray<Header> headers;

        HeaderCache(HeaderName name, int size) {
            this.name = name;
            this.headers = new AtomicReferenceArray<>(size);
        }

        Header of(long value) {
            if (value < 0 || value >= headers.length()) {
                return HeaderValues.create(name, value);
            }
            Header header = headers.get((int) value);
            if (header == null) {
                header = PreparedHeader.of(name, value);
                headers.set((int) value, header);
            }
            return header;
        }
    }

    /** The workspace of an OAuth or login path ({@code /{tid}/{aid}/...}); null for the APIs. */
    static String workspaceOf(String path) {
        String[] s = (path.startsWith("/") ? path.substring(1) : path).split("/");
        return s.length >= 3 && !s[0].equals("api") && !s[0].equals("app") ? s[1] : null;
    }
}
