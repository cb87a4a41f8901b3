package dev.latchkey.oauth.authorize;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Brute-force protection of the login form: after {@value #MAX_PER_USER} failed logins for one username
 * of a workspace, or {@value #MAX_PER_ADDRESS} from one client address, further attempts are refused
 * (without checking the password) until {@link #LOCKOUT} has passed since the last failure. A success
 * clears the username's count. Times come from the injected clock.
 *
 * <p>The counts live in memory, per node (a bounded Caffeine cache): behind a load balancer an attacker
 * gets up to the limit on each node, and a restart clears them. Acceptable for now; a shared store
 * (Redis, as the rate limiter) would make them cluster-wide.
 */
public final class LoginThrottle {

    static final int MAX_PER_USER = 5;
    static final int MAX_PER_ADDRESS = 20;
    static final Duration LOCKOUT = Duration.ofMinutes(5);

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final Cache<String, Failures> failures = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(30)).build();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** True when attempts for this username (in this workspace) or from this address are refused now. */
    public boolean locked(String tenantId, String workspaceId, String username, String address) {
        return over(userKey(tenantId, workspaceId, username), MAX_PER_USER)
                || over(addressKey(address), MAX_PER_ADDRESS);
    }

    public void failed(String tenantId, String workspaceId, String username, String address) {
        count(userKey(tenantId, workspaceId, username));
        count(addressKey(address));
    }

    public void succeeded(String tenantId, String workspaceId, String username) {
        failures.invalidate(userKey(tenantId, workspaceId, username));
    }

    private boolean over(String key, int max) {
        Failures f = failures.getIfPresent(key);
        return f != null && f.count() >= max && clock.instant().isBefore(f.last().plus(LOCKOUT));
    }

    private void count(String key) {
        Instant now = clock.instant();
        failures.asMap().compute(key, (k, f) -> f == null || !now.isBefore(f.last().plus(LOCKOUT))
                ? new Failures(1, now) : new Failures(f.count() + 1, now));
    }

    private static String userKey(String tenantId, String workspaceId, String username) {
        return "u\u0000" + tenantId + "\u0000" + workspaceId + "\u0000"
                + (username == null ? "" : username.toLowerCase(java.util.Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a\u0000" + address;
    }
}
