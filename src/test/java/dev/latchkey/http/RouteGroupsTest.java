package dev.latchkey.http;

import dev.latchkey.ratelimit.ApiGroup;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RouteGroupsTest {

    @ParameterizedTest
    @CsvSource({
            "/default/admin/oauth2/token, default, OAUTH2",
            "/acme/ws/.well-known/jwks.json, acme, OAUTH2",
            "/acme/ws/userinfo, acme, OAUTH2",
            "/acme/ws/login, acme, WEB",
            "/app/acme/admin, acme, WEB",
            "/acme/ws/identity/self/user, acme, IDENTITY_SELF_SERVICE",
            "/acme/ws/cdr/consents, acme, OPENBANKING",
            "/acme/ws/consents, acme, PUBLIC",
            "/api/admin/acme/servers, acme, ADMIN",
            "/api/admin/acme/servers/ws/audit-events, acme, AUDIT_EVENTS",
            "/api/system/acme/servers/ws/audit-events, acme, AUDIT_EVENTS",
            "/api/admin/acme/mfa-methods/m1/test, acme, OTP",
            "/api/admin/acme/mfa-methods/m1, acme, ADMIN",
            "/api/system/acme/clients/ws, acme, SYSTEM",
            "/api/developer/acme/ws/clients, acme, DEVELOPER",
            "/api/identity/acme/admin/pools, acme, IDENTITY_ADMIN",
            "/api/admin/tenants/acme/rate-limits, system, SYSTEM",
            "/api/system/tenants, system, SYSTEM",
            "/api/system/configuration, system, SYSTEM"
    })
    void eachRouteSpendsFromExactlyOneGroup(String path, String tenant, ApiGroup group) {
        assertThat(RouteGroups.of(path)).contains(new RouteGroups.Target(tenant, group));
    }

    @ParameterizedTest
    @CsvSource({"/alive", "/ready", "/metrics", "/", "/api/openapi.json", "/api/docs"})
    void operationsAndDocumentationAreNotLimited(String path) {
        assertThat(RouteGroups.of(path)).isEmpty();
    }

    /** The parser reads segments in place; it must agree with the plain split("/") version it replaced. */
    @Property(tries = 3000)
    void agreesWithSplittingThePath(@ForAll("paths") String path) {
        assertThat(RouteGroups.target(path)).as(path).isEqualTo(bySplitting(path));
    }

    /** The first version of RouteGroups, by String.split. */
    private static RouteGroups.Target bySplitting(String path) {
        String[] s = (path.startsWith("/") ? path.substring(1) : path).split("/");
        if (s.length <= 1 || s[0].isEmpty()) {
            return null;
        }
        if (s[0].equals("app")) {
            return new RouteGroups.Target(s[1], ApiGroup.WEB);
        }
        if (!s[0].equals("api")) {
            if (s.length < 3) {
                return new RouteGroups.Target(s[0], ApiGroup.PUBLIC);
            }
            ApiGroup group = switch (s[2]) {
                case "oauth2", ".well-known", "userinfo", "backchannel", "par", "device" -> ApiGroup.OAUTH2;
                case "identity" -> ApiGroup.IDENTITY_SELF_SERVICE;
                case "open-banking", "openbanking", "cdr", "fdx", "obbr", "obuk", "opin", "ksa" -> ApiGroup.OPENBANKING;
                case "login", "consent", "logout", "app" -> ApiGroup.WEB;
                default -> ApiGroup.PUBLIC;
            };
            return new RouteGroups.Target(s[0], group);
        }
        if (s.length < 3) {
            return null;
        }
        String kind = s[1];
        String tid = s[2];
        if ((kind.equals("admin") && tid.equals("tenants"))
                || (kind.equals("system") && (tid.equals("tenants") || tid.equals("configuration")))) {
            return new RouteGroups.Target("system", ApiGroup.SYSTEM);
        }
        boolean audit = s.length >= 6 && s[3].equals("servers") && s[5].equals("audit-events");
        return switch (kind) {
            case "admin" -> new RouteGroups.Target(tid, audit ? ApiGroup.AUDIT_EVENTS
                    : s.length == 6 && s[3].equals("mfa-methods") && s[5].equals("test") ? ApiGroup.OTP : ApiGroup.ADMIN);
            case "system" -> new RouteGroups.Target(tid, audit ? ApiGroup.AUDIT_EVENTS : ApiGroup.SYSTEM);
            case "developer" -> new RouteGroups.Target(tid, ApiGroup.DEVELOPER);
            case "identity" -> new RouteGroups.Target(tid, ApiGroup.IDENTITY_ADMIN);
            default -> null;
        };
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.of("api", "admin", "system", "developer", "identity", "tenants",
                "configuration", "servers", "audit-events", "mfa-methods", "test", "app", "oauth2", "login", "cdr",
                "acme", "ws", "", "x");
        return segment.list().ofMaxSize(9).flatMap(list -> Arbitraries.of("", "/").flatMap(lead ->
                Arbitraries.of("", "/", "//").map(trail -> lead + String.join("/", list) + trail)));
    }
}
