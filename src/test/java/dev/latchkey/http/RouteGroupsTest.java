package dev.latchkey.http;

import dev.latchkey.ratelimit.ApiGroup;
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
}
