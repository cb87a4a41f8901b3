package dev.latchkey.oauth.authorize;

import dev.latchkey.grant.JdbiGrantRepository;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.authorize.AuthorizeTestKit.REDIRECT;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.field;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.location;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.query;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.redirectParams;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form: CSRF token, 303 after every POST, wrong passwords, lockout per username and per
 * address (and its end), expired requests, the IDP list, and the claims built with the IDP's mappings,
 * {@code static_amr} and the authentication context's {@code sub}.
 */
class LoginEndpointTest {

    static TestServer server;
    static AuthorizeTestKit kit;
    static String client;
    static String issuer;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        kit = new AuthorizeTestKit(server);
        kit.workspace("login", "");
        kit.idp("login", "sandbox");
        client = kit.client("login");
        issuer = server.baseUrl() + "/default/login";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A browser with a pending request: its login page. */
    record Pending(AuthorizeTestKit.Browser browser, String url, String requestId, String csrf) {

        HttpResponse<String> submit(String... fields) {
            return browser.post(url.replaceFirst("\\?.*$", ""), query(fields));
        }

        HttpResponse<String> login(String username, String password) {
            return submit("request_id", requestId, "csrf", csrf, "idp", "sandbox", "username", username,
                    "password", password);
        }
    }

    static Pending pending(String ws) {
        var browser = kit.browser();
        String url = location(browser.authorize(ws, query("response_type", "code", "client_id",
                ws.equals("login") ? client : kit.client(ws), "redirect_uri", REDIRECT, "state", "xyz")));
        String page = browser.get(url).body();
        return new Pending(browser, url, field(page, "request_id"), field(page, "csrf"));
    }

    static long codes() {
        return kit.count("SELECT COUNT(*) FROM authorization_codes");
    }

    @Test
    void aMissingOrWrongCsrfTokenIsRefusedWithoutACode() {
        Pending p = pending("login");
        long before = codes();
        HttpResponse<String> missing = p.submit("request_id", p.requestId(), "idp", "sandbox", "username", "un1",
                "password", "pass1");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("CSRF");
        assertThat(missing.headers().firstValue("Location")).isEmpty();
        HttpResponse<String> wrong = p.submit("request_id", p.requestId(), "csrf", p.csrf() + "x", "idp", "sandbox",
                "username", "un1", "password", "pass1");
        assertThat(wrong.statusCode()).isEqualTo(400);
        // another pending request's token does not fit this one
        Pending other = pending("login");
        assertThat(p.submit("request_id", p.requestId(), "csrf", other.csrf(), "idp", "sandbox", "username", "un1",
                "password", "pass1").statusCode()).isEqualTo(400);
        // login CSRF: the right fields posted by another browser (without the binding cookie) are refused
        HttpResponse<String> foreign = kit.browser().post(p.url().replaceFirst("\\?.*$", ""), query("request_id",
                p.requestId(), "csrf", p.csrf(), "idp", "sandbox", "username", "un1", "password", "pass1"));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("CSRF");
        assertThat(codes()).isEqualTo(before);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        // the right token still works afterwards
        assertThat(location(p.login("un1", "pass1"))).startsWith(REDIRECT + "?code=");
    }

    @Test
    void aWrongPasswordShowsThePageAgainWithAnError() {
        Pending p = pending("login");
        long before = codes();
        HttpResponse<String> r = p.login("un1", "wrong");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(location(r)).isEqualTo(p.url() + "&error=invalid");
        HttpResponse<String> page = p.browser().get(location(r));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("The username or password is wrong.").contains("name=\"password\"");
        assertThat(p.login("nobody", "pass1").statusCode()).isEqualTo(303);
        assertThat(codes()).isEqualTo(before);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(redirectParams(p.login("un1", "pass1"), false)).containsKey("code").containsEntry("state", "xyz");
    }

    @Test
    void missingCredentialsAskAgain() {
        Pending p = pending("login");
        assertThat(location(p.submit("request_id", p.requestId(), "csrf", p.csrf(), "idp", "sandbox",
                "username", "un1"))).endsWith("&error=missing");
    }

    @Test
    void fiveFailuresLockTheUsernameForFiveMinutes() {
        kit.workspace("lock", "");
        kit.idp("lock", "sandbox");
        Pending p = pending("lock");
        for (int i = 1; i <= 4; i++) {
            assertThat(location(p.login("un1", "bad" + i))).endsWith("&error=invalid");
        }
        assertThat(location(p.login("un1", "bad5"))).endsWith("&error=locked");
        long before = codes();
        // refused even with the right password, without checking it
        HttpResponse<String> refused = p.login("un1", "pass1");
        assertThat(location(refused)).endsWith("&error=locked");
        assertThat(p.browser().get(location(refused)).body()).contains("Too many failed login attempts. Try again in 5 minutes.");
        assertThat(codes()).isEqualTo(before);

        server.clock.advance(Duration.ofMinutes(4));
        assertThat(location(p.login("un1", "pass1"))).endsWith("&error=locked");
        server.clock.advance(Duration.ofMinutes(1));
        assertThat(location(p.login("un1", "pass1"))).startsWith(REDIRECT + "?code=");
    }

    @Test
    void twentyFailuresFromOneAddressLockIt() {
        kit.workspace("iplock", "");
        kit.idp("iplock", "sandbox");
        Pending p = pending("iplock");
        for (int i = 0; i < 20; i++) {
            p.login("user" + i, "bad");
        }
        assertThat(location(p.login("un1", "pass1"))).endsWith("&error=locked");
        server.clock.advance(Duration.ofMinutes(5));
        assertThat(location(p.login("un1", "pass1"))).startsWith(REDIRECT + "?code=");
    }

    @Test
    void anExpiredOrUnknownRequestShowsAnErrorPage() {
        Pending p = pending("login");
        server.clock.advance(Duration.ofMinutes(11));
        HttpResponse<String> r = p.login("un1", "pass1");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("unknown or has expired");
        assertThat(p.browser().get(p.url()).statusCode()).isEqualTo(400);
        assertThat(kit.browser().get(issuer + "/login?request_id=nope").statusCode()).isEqualTo(400);
        assertThat(kit.browser().get(issuer + "/login").statusCode()).isEqualTo(400);
    }

    @Test
    void aRequestIsUsedOnce() {
        Pending p = pending("login");
        assertThat(p.login("un1", "pass1").statusCode()).isEqualTo(303);
        assertThat(p.login("un1", "pass1").statusCode()).isEqualTo(400);
    }

    @Test
    void aNonFormBodyGetsAnErrorPage() {
        var browser = kit.browser();
        HttpResponse<String> r = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer
                + "/login")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    }

    @Test
    void thePageListsEnabledStaticIdpsAndTheFormChoosesOne() {
        kit.workspace("many", "");
        kit.idp("many", "first");
        kit.idp("many", "second", "[]", "[\"mfa\", \"otp\"]", "{\"sub\": \"user-42\", \"name\": \"second user\"}");
        kit.idp("many", "off");
        HttpResponse<String> off = kit.api("GET", "/api/admin/default/servers/many/idps/static/off", null);
        String disabled = off.body().replace("\"disabled\":false", "\"disabled\":true");
        assertThat(kit.server.send(java.net.http.HttpRequest.newBuilder(server.uri(
                "/api/admin/default/servers/many/idps/static/off")).PUT(
                java.net.http.HttpRequest.BodyPublishers.ofString(disabled)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + server.adminToken())
                .header("If-Match", off.headers().firstValue("ETag").orElseThrow()).build()).statusCode())
                .isEqualTo(200);

        Pending p = pending("many");
        String page = p.browser().get(p.url()).body();
        assertThat(page).contains("<select id=\"idp\" name=\"idp\">").contains("value=\"first\"")
                .contains("value=\"second\"").doesNotContain("value=\"off\"");
        HttpResponse<String> r = p.submit("request_id", p.requestId(), "csrf", p.csrf(), "idp", "second",
                "username", "un1", "password", "pass1");
        var code = kit.redeem(redirectParams(r, false).get("code")).code().orElseThrow();
        var grant = new JdbiGrantRepository(server.server().database().jdbi())
                .findActive(code.grantId(), server.clock.instant()).orElseThrow();
        assertThat(grant.subject()).isEqualTo("user-42");
        assertThat(grant.idp()).isEqualTo("second");
        assertThat(grant.amr()).containsExactly("mfa", "otp");
        assertThat(grant.claims()).containsEntry("name", "second user");

        Pending q = pending("many");
        HttpResponse<String> refused = q.submit("request_id", q.requestId(), "csrf", q.csrf(), "idp", "off",
                "username", "un1", "password", "pass1");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("identity provider is unknown or disabled");
    }

    @Test
    void mappingsBuildTheClaims() {
        kit.workspace("mapped", "");
        kit.idp("mapped", "mapper", """
                [{"source": "name", "target": "given_name", "type": "string"},
                 {"source": "profile.age", "target": "age", "type": "number", "allow_weak_decoding": true},
                 {"source": "groups", "target": "roles", "type": "string_array"},
                 {"source": "name", "target": "address.formatted", "type": "string"},
                 {"source": "missing", "target": "nothing", "type": "any"},
                 {"source": "name", "target": "flag", "type": "bool"},
                 {"source": "", "target": "tier", "type": "string", "static": "gold"}]""", "[]",
                "{\"name\": \"Jane\", \"profile\": {\"age\": \"41\"}, \"groups\": \"admins\", \"secret\": \"x\"}");
        Pending p = pending("mapped");
        HttpResponse<String> r = p.submit("request_id", p.requestId(), "csrf", p.csrf(), "idp", "mapper",
                "username", "un1", "password", "pass1");
        var code = kit.redeem(redirectParams(r, false).get("code")).code().orElseThrow();
        var grant = new JdbiGrantRepository(server.server().database().jdbi())
                .findActive(code.grantId(), server.clock.instant()).orElseThrow();
        assertThat(grant.subject()).isEqualTo("un1");
        assertThat(grant.amr()).containsExactly("pwd");
        assertThat(grant.claims()).isEqualTo(Map.of("given_name", "Jane", "age", 41, "roles", List.of("admins"),
                "address", Map.of("formatted", "Jane"), "tier", "gold"));
    }
}
