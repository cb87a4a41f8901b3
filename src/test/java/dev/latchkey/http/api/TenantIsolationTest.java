package dev.latchkey.http.api;

import dev.latchkey.http.api.ApiRoutes.Route;
import dev.latchkey.testing.TestServer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.latchkey.http.api.TenantIsolationTestKit.INTRUDER;
import static dev.latchkey.http.api.TenantIsolationTestKit.VICTIM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's token cannot reach another tenant's data through any management API. The routes are the ones
 * the server registers ({@code parts().routes()}), so a new route is walked without changing this test. Every
 * Admin, System, Developer and Identity route with the victim's tenant id, and every root API route, called
 * with each of the intruder's tokens (admin, system with every System API scope, a regular workspace) and
 * with none, answers 401, 403 or 404 in Cloudentity's error format and never shows the victim's data; the
 * same routes with the intruder's own tenant id but the victim's object ids never succeed on the victim's
 * objects; and afterwards every row of the victim (and of the {@code system} tenant) is as it was.
 */
class TenantIsolationTest {

    private static final Set<Integer> REFUSED = Set.of(401, 403, 404);

    static TestServer server;
    static TenantIsolationTestKit kit;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        kit = new TenantIsolationTestKit(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyTenantRouteWithTheVictimsTenantIdRefusesEveryForeignToken() {
        Map<String, List<String>> before = kit.victimRows();
        String exportBefore = kit.victimExport();
        List<Route> routes = kit.tenantRoutes();
        assertThat(routes).hasSizeGreaterThan(40);
        SoftAssertions soft = new SoftAssertions();
        for (Route route : routes) {
            String path = kit.path(route, VICTIM);
            kit.intruderTokens.forEach((name, token) -> refused(soft, route, path, token, name));
            refused(soft, route, path, null, "no token");
        }
        soft.assertAll();
        assertThat(kit.changedSince(before)).as("the victim's rows changed").isEmpty();
        assertThat(kit.victimExport()).isEqualTo(exportBefore);
    }

    @Test
    void everyRootRouteRefusesEveryTokenOfAnotherTenant() {
        Map<String, List<String>> before = kit.victimRows();
        List<Route> routes = kit.rootRoutes();
        assertThat(routes).extracting(Route::path).contains("/api/system/tenants", "/api/system/tenants/{tid}",
                "/api/admin/tenants/{tid}/rate-limits");
        SoftAssertions soft = new SoftAssertions();
        for (Route route : routes) {
            String path = kit.path(route, VICTIM);
            kit.intruderTokens.forEach((name, token) -> refused(soft, route, path, token, name));
            // the intruder's tokens cannot manage the intruder's own tenant through the root API either
            String own = kit.path(route, INTRUDER);
            kit.intruderTokens.forEach((name, token) -> refused(soft, route, own, token, name + ", own tenant"));
        }
        soft.assertAll();
        assertThat(kit.changedSince(before)).as("the victim's rows changed").isEmpty();
    }

    @Test
    void theIntrudersOwnTenantIdDoesNotReachTheVictimsObjects() {
        Map<String, List<String>> before = kit.victimRows();
        SoftAssertions soft = new SoftAssertions();
        for (Route route : kit.tenantRoutes()) {
            if (!route.path().contains("{tid}")) {
                continue;
            }
            String path = kit.path(route, INTRUDER);
            // audit events are read by workspace id within the caller's tenant (those of a deleted workspace
            // stay readable): the intruder's own, empty, list of a workspace id the victim also uses is no leak
            boolean namesAnObject = route.path().replace("{tid}", "").contains("{")
                    && !route.path().endsWith("/audit-events");
            kit.intruderTokens.forEach((name, token) -> {
                HttpResponse<String> response = kit.call(route, path, token);
                String what = route.method() + " " + path + " with the intruder's " + name + " token";
                soft.assertThat(response.statusCode()).as(what + ": " + response.body()).isLessThan(500);
                if (namesAnObject) {
                    soft.assertThat(response.statusCode()).as(what + " names a victim's object: "
                            + response.body()).isGreaterThanOrEqualTo(400);
                }
                noVictimData(soft, what, response);
            });
        }
        soft.assertAll();
        assertThat(kit.changedSince(before)).as("the victim's rows changed").isEmpty();
    }

    private static void refused(SoftAssertions soft, Route route, String path, String token, String tokenName) {
        HttpResponse<String> response = kit.call(route, path, token);
        String what = route.method() + " " + path + " with " + (token == null ? "no token"
                : "the intruder's " + tokenName + " token");
        soft.assertThat(response.statusCode()).as(what + ": " + response.body()).isIn(REFUSED);
        if (REFUSED.contains(response.statusCode())) {
            Map<String, Object> body = TestServer.json(response);
            soft.assertThat(body).as(what + ": Cloudentity's error body").containsEntry("status_code",
                    response.statusCode()).containsKeys("error", "error_code", "details");
        }
        noVictimData(soft, what, response);
    }

    private static void noVictimData(SoftAssertions soft, String what, HttpResponse<String> response) {
        for (String secret : kit.victimSecrets) {
            soft.assertThat(response.body()).as(what + " shows the victim's data").doesNotContain(secret);
        }
    }
}
