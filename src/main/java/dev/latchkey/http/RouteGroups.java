package dev.latchkey.http;

import dev.latchkey.ratelimit.ApiGroup;

import java.util.Optional;
import java.util.Set;

/**
 * Maps a request path to the (tenant, API group) whose rate limit it spends — exactly one group per
 * route, following Cloudentity's URL layout (cloudentity-api.md §1.2). Operations endpoints and the API
 * documentation are not limited. Pure function of the path; it runs before every request, so it reads
 * the segments in place and allocates only the tenant id and the answer.
 */
public final class RouteGroups {

    /** The bucket a request spends from. */
    public record Target(String tenantId, ApiGroup group) {
    }

    private static final int MAX_SEGMENTS = 7;
    private static final Set<String> OAUTH2 = Set.of("oauth2", ".well-known", "userinfo", "backchannel", "par",
            "device");
    private static final Set<String> OPENBANKING = Set.of("open-banking", "openbanking", "cdr", "fdx", "obbr",
            "obuk", "opin", "ksa");
    private static final Set<String> WEB = Set.of("login", "consent", "logout", "app");

    private RouteGroups() {
    }

    public static Optional<Target> of(String path) {
        return Optional.ofNullable(target(path));
    }

    /** The request's bucket, or null when the path is not limited. */
    public static Target target(String path) {
        Segments s = new Segments(path);
        if (s.count < 2 || s.length(0) == 0) {
            return null; // "/", "/alive", "/ready", "/metrics"
        }
        if (s.is(0, "api")) {
            return api(s);
        }
        if (s.is(0, "app")) {
            return new Target(s.at(1), ApiGroup.WEB);
        }
        String tid = s.at(0);
        if (s.count < 3) {
            return new Target(tid, ApiGroup.PUBLIC);
        }
        String area = s.at(2);
        if (OAUTH2.contains(area)) {
            return new Target(tid, ApiGroup.OAUTH2);
        }
        if (area.equals("identity")) {
            return new Target(tid, ApiGroup.IDENTITY_SELF_SERVICE);
        }
        if (OPENBANKING.contains(area)) {
            return new Target(tid, ApiGroup.OPENBANKING);
        }
        return new Target(tid, WEB.contains(area) ? ApiGroup.WEB : ApiGroup.PUBLIC);
    }

    private static Target api(Segments s) {
        if (s.count < 3) {
            return null; // /api/openapi.json, /api/docs
        }
        boolean root = (s.is(1, "admin") && s.is(2, "tenants"))
                || (s.is(1, "system") && (s.is(2, "tenants") || s.is(2, "configuration")));
        if (root) {
            return new Target("system", ApiGroup.SYSTEM);
        }
        String tid = s.at(2);
        boolean auditEvents = s.count >= 6 && s.is(3, "servers") && s.is(5, "audit-events");
        if (s.is(1, "admin")) {
            if (auditEvents) {
                return new Target(tid, ApiGroup.AUDIT_EVENTS);
            }
            boolean otp = s.count == 6 && s.is(3, "mfa-methods") && s.is(5, "test");
            return new Target(tid, otp ? ApiGroup.OTP : ApiGroup.ADMIN);
        }
        if (s.is(1, "system")) {
            return new Target(tid, auditEvents ? ApiGroup.AUDIT_EVENTS : ApiGroup.SYSTEM);
        }
        if (s.is(1, "developer")) {
            return new Target(tid, ApiGroup.DEVELOPER);
        }
        return s.is(1, "identity") ? new Target(tid, ApiGroup.IDENTITY_ADMIN) : null;
    }

    /**
     * The first segments of a path ({@code /a/b/c} → a, b, c; as {@code String.split("/")} would give them,
     * trailing empty segments dropped), as offsets into the path. {@code count} is exact up to
     * {@link #MAX_SEGMENTS}; paths with more segments count as {@code MAX_SEGMENTS + 1}.
     */
    private static final class Segments {

        private final String path;
        private final int[] start = new int[MAX_SEGMENTS];
        private final int[] end = new int[MAX_SEGMENTS];
        private final int count;

        Segments(String path) {
            this.path = path;
            int length = path.length();
            while (length > 0 && path.charAt(length - 1) == '/') {
                length--; // split drops trailing empty segments
            }
            int n = 0;
            int from = path.startsWith("/") ? 1 : 0;
            while (from <= length && n <= MAX_SEGMENTS) {
                int slash = path.indexOf('/', from);
                int to = slash < 0 || slash > length ? length : slash;
                if (n < MAX_SEGMENTS) {
                    start[n] = from;
                    end[n] = to;
                }
                n++;
                if (to == length) {
                    break;
                }
                from = to + 1;
            }
            this.count = length == 0 ? 0 : n;
        }

        int length(int i) {
            return end[i] - start[i];
        }

        boolean is(int i, String value) {
            return length(i) == value.length() && path.regionMatches(start[i], value, 0, value.length());
        }

        String at(int i) {
            return path.substring(start[i], end[i]);
        }
    }
}
