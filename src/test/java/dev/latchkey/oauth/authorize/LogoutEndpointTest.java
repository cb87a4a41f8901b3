package dev.latchkey.oauth.authorize;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static dev.latchkey.oauth.authorize.AuthorizeTestKit.REDIRECT;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.field;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.location;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RP-initiated logout: confirmation by the user (another site cannot log the user out), the session
 * ended and its cookie expired, the redirect to a registered post_logout_redirect_uri with state, and
 * unregistered URIs refused without redirect.
 */
class LogoutEndpointTest {

    static final String AFTER = "https://client.example.com/bye";

    static TestServer server;
    static AuthorizeTestKit kit;
    static String client;
    static String issuer;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        kit = new AuthorizeTestKit(server);
        kit.workspace("out", "");
        kit.idp("out", "sandbox");
        HttpResponse<String> created = kit.api("POST", "/api/admin/default/clients", """
                {"tenant_id": "default", "authorization_server_id": "out", "client_name": "web",
                 "grant_types": ["authorization_code"], "redirect_uris": ["%s"],
                 "post_logout_redirect_uris": ["%s"], "scopes": ["openid"],
                 "token_endpoint_auth_method": "client_secret_basic"}""".formatted(REDIRECT, AFTER));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        client = (String) TestServer.json(created).get("client_id");
        issuer = server.baseUrl() + "/default/out";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static AuthorizeTestKit.Browser loggedIn() {
        var browser = kit.browser();
        HttpResponse<String> r = browser.login(location(browser.authorize("out", query("response_type", "code",
                "client_id", client, "redirect_uri", REDIRECT))), "un1", "pass1");
        assertThat(r.statusCode()).isEqualTo(303);
        return browser;
    }

    static boolean hasSession(AuthorizeTestKit.Browser browser) {
        return location(browser.authorize("out", query("response_type", "code", "client_id", client,
                "redirect_uri", REDIRECT, "prompt", "none"))).contains("code=");
    }

    @Test
    void logoutIsConfirmedThenEndsTheSessionAndRedirectsWithState() {
        var browser = loggedIn();
        HttpResponse<String> page = browser.get("/default/out/oidc/logout?" + query("client_id", client,
                "post_logout_redirect_uri", AFTER, "state", "bye-1"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sign out of Workspace out?");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(hasSession(browser)).isTrue();

        HttpResponse<String> done = browser.post(issuer + "/oidc/logout", query("client_id", client,
                "post_logout_redirect_uri", AFTER, "state", "bye-1", "logout_token",
                field(page.body(), "logout_token")));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(location(done)).isEqualTo(AFTER + "?state=bye-1");
        assertThat(done.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("latchkey_session=")
                .contains("Expires=").contains("Jan 1970");
        assertThat(hasSession(browser)).isFalse();
    }

    @Test
    void anotherSiteCannotConfirmTheLogout() {
        var browser = loggedIn();
        String token = field(loggedIn().get("/default/out/oidc/logout").body(), "logout_token");
        HttpResponse<String> forged = browser.post(issuer + "/oidc/logout", query("logout_token", token));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(hasSession(browser)).isTrue();
        // a plain GET only asks
        assertThat(browser.get("/default/out/oidc/logout").body()).contains("Sign out of");
        assertThat(hasSession(browser)).isTrue();
    }

    @Test
    void withoutASessionTheUserIsSignedOutAtOnce() {
        HttpResponse<String> r = kit.browser().get("/default/out/oidc/logout");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("You are signed out of Workspace out.");
        assertThat(location(kit.browser().get("/default/out/oidc/logout?" + query("client_id", client,
                "post_logout_redirect_uri", AFTER)))).isEqualTo(AFTER);
    }

    @Test
    void unregisteredPostLogoutRedirectUrisAreRefusedWithoutRedirect() {
        for (List<String> bad : List.of(List.of(client, "https://evil.example.com/bye"), List.of(client, REDIRECT),
                List.of("no-such-client", AFTER))) {
            HttpResponse<String> r = loggedIn().get("/default/out/oidc/logout?" + query("client_id", bad.get(0),
                    "post_logout_redirect_uri", bad.get(1)));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).isEmpty();
        }
        assertThat(kit.browser().get("/default/out/oidc/logout?" + query("post_logout_redirect_uri", AFTER))
                .statusCode()).isEqualTo(400);
    }
}
