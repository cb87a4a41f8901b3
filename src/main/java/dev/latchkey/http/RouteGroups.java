package dev.latchkey.http;

import dev.latchkey.ratelimit.ApiGroup;

import java.util.Optional;
import java.util.Set;

/**
 * Maps a request path to the (tenant, API group) whose rate limit it spends — exactly one group per
 * route, following Cloudentity's URL layout (cloudentity-api.md §1.2). Operations endpoints and the API
 * documentation are not limited. Pure function of the path.
 */
public final class RouteGroups {

    /** The bucket a request spends from. */
    public record Target(String tenantId, ApiGroup group) {
    }

    private static final Set<String> OAUTH2 = Set.of("oauth2", ".well-known", "userinfo", "backchannel", "par",
            "device");
    private static final Set<String> OPENBANKING = Set.of("open-banking", "openbanking", "cdr", "fdx", "obbr",
            "obuk", "opin", "ksa");
    private static final Set<String> WEB = Set.of("login", "consent", "logout", "app");

    private RouteGroups() {
    }

    public static Optional<Target> of(String path) {
        String[] s = (path.startsWith("/") ? path.substring(1) : path).split("/");
        if (s.length == 0 || s[0].isEmpty() || s.length == 1) {
            return Optional.empty(); // "/", "/alive", "/ready", "/metrics"
        }
        if (s[0].equals("api")) {
            return api(s);
        }
        if (s[0].equals("app")) {
            return Optional.of(new Target(s[1], ApiGroup.WEB));
        }
        String tid = s[0];
        if (s.length < 3) {
            return Optional.of(new Target(tid, ApiGroup.PUBLIC));
        }
        String area = s[2];
        if (OAUTH2.contains(area)) {
            return Optional.of(new Target(tid, ApiGroup.OAUTH2));
        }
        if (area.equals("identity")) {
            return Optional.of(new Target(tid, ApiGroup.IDENTITY_SELF_SERVICE));
        }
        if (OPENBANKING.contains(area)) {
            return Optional.of(new Target(tid, ApiGroup.OPENBANKING));
        }
        if (WEB.contains(area)) {
            return Optional.of(new Target(tid, ApiGroup.WEB));
        }
        return Optional.of(new Target(tid, ApiGroup.PUBLIC));
    }

    private static Optional<Target> api(String[] s) {
        if (s.length < 3) {
            return Optional.empty(); // /api/openapi.json, /api/docs
        }
        String kind = s[1];
        String tid = s[2];
        boolean root = (kind.equals("admin") && tid.equals("tenants"))
                || (kind.equals("system") && (tid.equals("tenants") || tid.equals("configuration")));
        if (root) {
            return Optional.of(new Target("system", ApiGroup.SYSTEM));
        }
        boolean auditEvents = s.length >= 6 && s[3].equals("servers") && s[5].equals("audit-events");
        return switch (kind) {
            case "admin" -> {
                if (auditEvents) {
                    yield Optional.of(new Target(tid, ApiGroup.AUDIT_EVENTS));
                }
                if (s.length == 6 && s[3].equals("mfa-methods") && s[5].equals("test")) {
                    yield Optional.of(new Target(tid, ApiGroup.OTP));
                }
                yield Optional.of(new Target(tid, ApiGroup.ADMIN));
            }
            case "system" -> Optional.of(new Target(tid, auditEvents ? ApiGroup.AUDIT_EVENTS : ApiGroup.SYSTEM));
            case "developer" -> Optional.of(new Target(tid, ApiGroup.DEVELOPER));
            case "identity" -> Optional.of(new Target(tid, ApiGroup.IDENTITY_ADMIN));
            default -> Optional.empty();
        };
    }
}
