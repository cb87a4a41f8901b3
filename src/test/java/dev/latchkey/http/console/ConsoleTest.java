package dev.latchkey.http.console;

import dev.latchkey.testing.LoginWalker;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A browser: keeps cookies, follows no redirect. */
    private static final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String pathOrUrl) throws Exception {
            URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : server.uri(pathOrUrl);
            return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(server.uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Signs in as the bootstrap administrator; returns the page's CSRF token. */
        String signIn() throws Exception {
            HttpResponse<String> start = get("/app/default/admin");
            assertThat(start.statusCode()).isEqualTo(303);
            String authorize = start.headers().firstValue("Location").orElseThrow();
            var credentials = server.server().bootstrapCredentials().orElseThrow();
            URI callback = new LoginWalker().login(server.uri(authorize),
                    server.baseUrl() + "/app/default/admin/callback", credentials.consoleUsername(),
                    credentials.consolePassword());
            HttpResponse<String> signedIn = get(callback.toString());
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
            assertThat(signedIn.headers().firstValue("Location")).hasValue("/app/default/admin/workspaces");
            String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("latchkey_console=").contains("HttpOnly").contains("SameSite=Lax")
                    .contains("Path=/app/default/admin").doesNotContain("Secure");
            HttpResponse<String> page = get("/app/default/admin/workspaces");
            assertThat(page.statusCode()).isEqualTo(200);
            Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(csrf.find()).isTrue();
            return csrf.group(1);
        }
    }

    @Test
    void theSignInIsTheAuthorizationCodeFlowWithPkceOfTheConsoleClient() throws Exception {
        HttpResponse<String> start = new Browser().get("/app/default/admin/workspaces?q=x");
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
        Browser browser = new Browser();
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
        Browser browser = new Browser();
        String csrf = browser.signIn();
        HttpResponse<String> refused = browser.post("/app/default/admin/workspaces", "id=csrf-less&csrf=wrong");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(server.get("/default/csrf-less/.well-known/openid-configuration").statusCode()).isEqualTo(404);
        HttpResponse<String> created = browser.post("/app/default/admin/workspaces", "id=with-csrf&csrf=" + csrf);
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(server.get("/default/with-csrf/.well-known/openid-configuration").statusCode()).isEqualTo(200);
    }

    @Test
    void aCallbackIsUsableOnceAndAnUnknownStateIsRefused() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> refused = browser.get("/app/default/admin/callback?code=abc&state=forged");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("expired or was already used");
    }

    @Test
    void theSessionExpiresAfterThirtyIdleMinutes() throws Exception {
        Browser browser = new Browser();
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
        Browser browser = new Browser();
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
        Browser browser = new Browser();
        String csrf = browser.signIn();
        HttpResponse<String> out = browser.post("/app/default/admin/signout", "csrf=" + csrf);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.body()).contains("Signed out");
        assertThat(browser.get("/app/default/admin/workspaces").statusCode()).isEqualTo(303);
    }

    @Test
    void anUnknownTenantHasNoConsole() throws Exception {
        HttpResponse<String> response = new Browser().get("/app/nosuchtenant/admin");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("There is no tenant");
    }
}
