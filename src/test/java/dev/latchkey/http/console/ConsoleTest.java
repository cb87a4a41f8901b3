package dev.latchkey.http.console;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sign-in, session and protections over plain HTTP (no browser): the authorization code flow with
 * PKCE through the admin workspace's login page, the session cookie's attributes, CSRF on every POST, expiry,
 * sign-out, and the headers that forbid framing.
 */
class ConsoleTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theSignInIsTheAuthorizationCodeFlowWithPkceOfTheConsoleClient() throws Exception {
        HttpResponse<String> start = new ConsoleHttp(server).get("/app/default/admin/workspaces?q=x");
        assertThat(start.statusCode()).isEqualTo(303);
        String location = URLDecoder.decode(start.headers().firstValue("Location").orElseThrow(),
                StandardCharsets.UTF_8);
        assertThat(location).startsWith("/default/admin/oauth2/authorize?response_type=code&client_id=console")
                .contains("redirect_uri=" + server.baseUrl() + "/app/default/admin/callback")
                .contains("code_challenge_method=S256").contains("prompt=login").contains("state=");
        assertThat(start.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void signedInPagesForbidFramingAndAreNotCached() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(server);
        browser.signIn();
        HttpResponse<String> page = browser.get("/app/default/admin/workspaces");
        assertThat(page.body()).contains("data-id=\"admin\"");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'").contains("default-src 'none'");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(server);
        String csrf = browser.signIn();
        HttpResponse<String> refused = browser.post("/app/default/admin/workspaces", "id=csrf-less&csrf=wrong");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(server.get("/default/csrf-less/.well-known/openid-configuration").statusCode()).isEqualTo(404);
        HttpResponse<String> created = browser.post("/app/default/admin/workspaces", "id=with-csrf&csrf=" + csrf);
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(server.get("/default/with-csrf/.well-known/openid-configuration").statusCode()).isEqualTo(200);
    }

    @Test
    void theRateLimitPageSaysWhenLimitingIsOff() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(server); // TestServer starts with --rate-limits off
        browser.signIn();
        HttpResponse<String> page = browser.get("/app/default/admin/rate-limits");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"rate-limits-off\"").doesNotContain("id=\"rate-limits\"");
    }

    @Test
    void anIdpDeleteWithoutTheCsrfTokenIsRefusedAndDeletesNothing() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(server);
        browser.signIn();
        HttpResponse<String> refused = browser.post("/app/default/admin/workspaces/admin/idps/administrators/delete",
                "csrf=wrong");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(browser.get("/app/default/admin/workspaces/admin/idps").body()).contains("id=\"idp-administrators\"");
    }

    @Test
    void aCallbackIsUsableOnceAndAnUnknownStateIsRefused() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(server);
        HttpResponse<String> refused = browser.get("/app/default/admin/callback?code=abc&state=forged");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("expired or was already used");
    }

    @Test
    void theSessionExpiresAfterThirtyIdleMinutes() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(server);
        browser.signIn();
        server.clock.advance(Duration.ofMinutes(20));
        assertThat(browser.get("/app/default/admin/workspaces").statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(31)); // 51 minutes in: the access token (1 h) is still valid
        HttpResponse<String> expired = browser.get("/app/default/admin/workspaces");
        assertThat(expired.statusCode()).isEqualTo(303);
        assertThat(expired.headers().firstValue("Location").orElseThrow()).contains("/oauth2/authorize");
    }

    @Test
    void theSessionEndsWithItsAccessTokenHoweverActiveItIs() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(server);
        browser.signIn();
        for (int i = 0; i < 2; i++) {
            server.clock.advance(Duration.ofMinutes(25));
            assertThat(browser.get("/app/default/admin/workspaces").statusCode()).isEqualTo(200);
        }
        server.clock.advance(Duration.ofMinutes(11)); // 61 minutes in: the admin workspace's token TTL is 1 h
        assertThat(browser.get("/app/default/admin/workspaces").statusCode()).isEqualTo(303);
    }

    @Test
    void signOutEndsTheSession() throws Exception {
        ConsoleHttp browser = new ConsoleHttp(server);
        String csrf = browser.signIn();
        HttpResponse<String> out = browser.post("/app/default/admin/signout", "csrf=" + csrf);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.body()).contains("Signed out");
        assertThat(browser.get("/app/default/admin/workspaces").statusCode()).isEqualTo(303);
    }

    @Test
    void anUnknownTenantHasNoConsole() throws Exception {
        HttpResponse<String> response = new ConsoleHttp(server).get("/app/nosuchtenant/admin");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("There is no tenant");
    }
}
