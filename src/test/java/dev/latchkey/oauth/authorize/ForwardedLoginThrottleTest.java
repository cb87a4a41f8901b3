package dev.latchkey.oauth.authorize;

import dev.latchkey.support.TrustedProxies;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static dev.latchkey.oauth.authorize.AuthorizeTestKit.REDIRECT;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.field;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.location;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login throttle's per-address count behind a trusted proxy (127.0.0.1 here) counts the forwarded client,
 * not the proxy: twenty failures from one client lock that client only; everyone else behind the same proxy
 * still logs in.
 */
class ForwardedLoginThrottleTest {

    static TestServer server;
    static AuthorizeTestKit kit;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.freePort(), c -> c.withTrustedProxies(TrustedProxies.parse("127.0.0.1")));
        kit = new AuthorizeTestKit(server);
        kit.workspace("fwdlock", "");
        kit.idp("fwdlock", "sandbox");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void twentyFailuresLockTheForwardedClientNotTheProxy() {
        var browser = kit.browser();
        String url = location(browser.authorize("fwdlock", query("response_type", "code", "client_id",
                kit.client("fwdlock"), "redirect_uri", REDIRECT, "state", "xyz")));
        String page = browser.get(url).body();
        String requestId = field(page, "request_id");
        String csrf = field(page, "csrf");
        URI action = server.uri(URI.create(url).getPath());
        interface Login {
            HttpResponse<String> as(String client, String username, String password);
        }
        Login login = (client, username, password) ->
                browser.send(HttpRequest.newBuilder(action).header("X-Forwarded-For", client)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(query("request_id", requestId, "csrf", csrf,
                                "idp", "sandbox", "username", username, "password", password))).build());

        // twenty usernames, so that no username's own limit (5) is reached
        for (int i = 1; i < 20; i++) {
            assertThat(location(login.as("203.0.113.5", "user" + i, "bad"))).endsWith("&error=invalid");
        }
        assertThat(location(login.as("203.0.113.5", "user20", "bad"))).as("the twentieth").endsWith("&error=locked");
        assertThat(location(login.as("203.0.113.5", "un1", "pass1"))).endsWith("&error=locked");
        assertThat(location(login.as("203.0.113.6", "un1", "pass1"))).as("another client behind the same proxy")
                .startsWith(REDIRECT + "?code=");
    }
}
