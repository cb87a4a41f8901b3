package dev.latchkey.oauth.authorize;

import dev.latchkey.grant.AuthorizationCodeRepository.Redemption;
import dev.latchkey.grant.JdbiGrantRepository;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.authorize.AuthorizeTestKit.REDIRECT;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.VERIFIER;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.challenge;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.field;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.location;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.query;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.redirectParams;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization code flow through the browser over real HTTP: authorize, the login page, the login
 * form, the code at the client's redirect URI (with state and iss) and in the store, the SSO session
 * that skips the login next time, prompt and max_age, and the response modes.
 */
class AuthorizeEndpointTest {

    static TestServer server;
    static AuthorizeTestKit kit;
    static String clientId;
    static String issuer;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        kit = new AuthorizeTestKit(server);
        kit.workspace("flow", "");
        kit.idp("flow", "sandbox");
        clientId = kit.client("flow");
        issuer = server.baseUrl() + "/default/flow";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String request(String... extra) {
        String base = query("response_type", "code", "client_id", clientId, "redirect_uri", REDIRECT,
                "scope", "openid profile", "state", "st-1", "nonce", "n-0S6", "code_challenge", challenge(VERIFIER),
                "code_challenge_method", "S256");
        return extra.length == 0 ? base : base + "&" + query(extra);
    }

    @Test
    void fullHappyPathIssuesACodeBoundToTheRequest() {
        var browser = kit.browser();
        HttpResponse<String> authorize = browser.authorize("flow", request());
        assertThat(authorize.statusCode()).isEqualTo(302);
        String loginUrl = location(authorize);
        assertThat(loginUrl).startsWith(issuer + "/login?request_id=");
        assertThat(authorize.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("latchkey_login=")
                .contains("HttpOnly").contains("SameSite=Lax").contains("Path=/default/flow");

        HttpResponse<String> page = browser.get(loginUrl);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Sign in to Workspace flow").contains("Sandbox sandbox")
                .contains("name=\"password\"");
        assertThat(field(page.body(), "csrf")).hasSizeGreaterThan(20);

        HttpResponse<String> loggedIn = browser.post(issuer + "/login", query("request_id",
                field(page.body(), "request_id"), "csrf", field(page.body(), "csrf"), "idp", "sandbox",
                "username", "un1", "password", "pass1"));
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(303);
        assertThat(location(loggedIn)).startsWith(REDIRECT + "?");
        Map<String, String> response = redirectParams(loggedIn, false);
        assertThat(response).containsOnlyKeys("code", "state", "iss").containsEntry("state", "st-1")
                .containsEntry("iss", issuer);

        String setCookie = loggedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("latchkey_session=").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/default/flow").contains("Max-Age=3600").doesNotContain("Secure");
        HttpCookie cookie = HttpCookie.parse(setCookie).get(0);
        assertThat(kit.count("SELECT COUNT(*) FROM sso_sessions WHERE session_hash = '"
                + dev.latchkey.support.TokenHashes.hash(cookie.getValue()) + "'")).isEqualTo(1);

        Redemption redeemed = kit.redeem(response.get("code"));
        assertThat(redeemed.status()).isEqualTo(Redemption.Status.REDEEMED);
        var code = redeemed.code().orElseThrow();
        assertThat(code.clientId()).isEqualTo(clientId);
        assertThat(code.redirectUri()).isEqualTo(REDIRECT);
        assertThat(code.nonce()).isEqualTo("n-0S6");
        assertThat(code.codeChallenge()).isEqualTo(challenge(VERIFIER));
        assertThat(code.codeChallengeMethod()).isEqualTo("S256");
        assertThat(code.scopes()).containsExactly("openid", "profile");
        assertThat(code.expiresAt()).isEqualTo(server.clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(kit.redeem(response.get("code")).status()).isEqualTo(Redemption.Status.REUSED);

        var grant = new JdbiGrantRepository(server.server().database().jdbi())
                .findActive(code.grantId(), server.clock.instant()).orElseThrow();
        assertThat(grant.subject()).isEqualTo("un1");
        assertThat(grant.idp()).isEqualTo("sandbox");
        assertThat(grant.amr()).containsExactly("pwd");
        assertThat(grant.claims()).containsEntry("name", "user1").containsEntry("email", "user1@example.com");
        assertThat(grant.authTime()).isEqualTo(server.clock.instant());
        assertThat(grant.sessionId()).isEqualTo(dev.latchkey.support.TokenHashes.hash(cookie.getValue()));
        assertThat(grant.expiresAt()).isEqualTo(server.clock.instant().plus(Duration.ofDays(30)));
    }

    @Test
    void aSecondAuthorizationWithTheSessionSkipsTheLogin() {
        var browser = kit.browser();
        logIn(browser);

        HttpResponse<String> again = browser.authorize("flow", request("state", null));
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(location(again)).startsWith(REDIRECT + "?code=");
        assertThat(redirectParams(again, false)).containsKeys("code", "iss").containsEntry("state", "st-1");
        assertThat(kit.redeem(redirectParams(again, false).get("code")).status())
                .isEqualTo(Redemption.Status.REDEEMED);

        // another browser has no session
        assertThat(location(kit.browser().authorize("flow", request()))).contains("/login?request_id=");
    }

    @Test
    void promptNoneWithoutSessionGivesLoginRequired() {
        HttpResponse<String> r = kit.browser().authorize("flow", request("prompt", "none"));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(redirectParams(r, false)).containsEntry("error", "login_required").containsEntry("state", "st-1")
                .containsEntry("iss", issuer).doesNotContainKey("code");
    }

    @Test
    void promptNoneWithSessionIssuesACodeAndPromptLoginForcesTheLogin() {
        var browser = kit.browser();
        logIn(browser);
        assertThat(redirectParams(browser.authorize("flow", request("prompt", "none")), false)).containsKey("code");
        assertThat(location(browser.authorize("flow", request("prompt", "login")))).contains("/login?request_id=");
    }

    @Test
    void maxAgeForcesTheLoginWhenTheSessionIsOlder() {
        var browser = kit.browser();
        logIn(browser);
        server.clock.advance(Duration.ofSeconds(120));
        assertThat(redirectParams(browser.authorize("flow", request("max_age", "300")), false)).containsKey("code");
        assertThat(location(browser.authorize("flow", request("max_age", "60")))).contains("/login?request_id=");
        assertThat(redirectParams(browser.authorize("flow", request("max_age", "60", "prompt", "none")), false))
                .containsEntry("error", "login_required");
    }

    @Test
    void theSessionEndsAfterCookieMaxAge() {
        var browser = kit.browser();
        logIn(browser);
        server.clock.advance(Duration.ofMinutes(61));
        assertThat(location(browser.authorize("flow", request()))).contains("/login?request_id=");
    }

    @Test
    void loginHintPrefillsTheUsername() {
        var browser = kit.browser();
        String page = browser.get(location(browser.authorize("flow", request("login_hint", "un1\"><b>")))).body();
        // escaped by jte for an attribute value: the quote cannot end it, no tag can start
        assertThat(page).contains("value=\"un1&#34;>&lt;b>\"").doesNotContain("un1\"><b>");
    }

    @Test
    void fragmentResponseModePutsTheParametersInTheFragment() {
        var browser = kit.browser();
        HttpResponse<String> r = browser.login(location(browser.authorize("flow",
                request("response_mode", "fragment"))), "un1", "pass1");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(location(r)).startsWith(REDIRECT + "#code=");
        assertThat(redirectParams(r, true)).containsKeys("code").containsEntry("state", "st-1")
                .containsEntry("iss", issuer);
    }

    @Test
    void formPostResponseModeAnswersASelfSubmittingForm() {
        var browser = kit.browser();
        HttpResponse<String> r = browser.login(location(browser.authorize("flow",
                request("response_mode", "form_post"))), "un1", "pass1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<form method=\"post\" action=\"" + REDIRECT + "\">")
                .contains("name=\"state\" value=\"st-1\"").contains("name=\"iss\" value=\"" + issuer + "\"");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        String nonce = csp.replaceAll(".*script-src 'nonce-([^']+)'.*", "$1");
        assertThat(r.body()).contains("<script nonce=\"" + nonce + "\">document.forms[0].submit();</script>");
        assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'none'");
        assertThat(kit.redeem(field(r.body(), "code")).status()).isEqualTo(Redemption.Status.REDEEMED);

        // with a session, the authorization endpoint itself answers with the form
        HttpResponse<String> sso = browser.authorize("flow", request("response_mode", "form_post"));
        assertThat(sso.statusCode()).isEqualTo(200);
        assertThat(field(sso.body(), "code")).isNotBlank();
    }

    @Test
    void postToTheAuthorizationEndpointWorksLikeGetAndRedirectsWith303() {
        var browser = kit.browser();
        HttpResponse<String> r = browser.post("/default/flow/oauth2/authorize", request());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(location(r)).contains("/login?request_id=");
    }

    @Test
    void redirectUriMayBeOmittedWhenTheClientHasExactlyOneAndTheCodeRemembersItWasOmitted() {
        var browser = kit.browser();
        String q = request().replace("redirect_uri=" + AuthorizeTestKit.enc(REDIRECT) + "&", "");
        assertThat(q).doesNotContain("redirect_uri");
        HttpResponse<String> r = browser.login(location(browser.authorize("flow", q)), "un1", "pass1");
        assertThat(location(r)).startsWith(REDIRECT + "?");
        var code = kit.redeem(redirectParams(r, false).get("code")).code().orElseThrow();
        assertThat(code.redirectUri()).isNull();
    }

    @Test
    void nimbusBuildsTheRequestAndParsesTheResponseWithIssAndState() throws Exception {
        var verifier = new com.nimbusds.oauth2.sdk.pkce.CodeVerifier();
        var state = new com.nimbusds.oauth2.sdk.id.State();
        var nonce = new com.nimbusds.openid.connect.sdk.Nonce();
        var request = new com.nimbusds.openid.connect.sdk.AuthenticationRequest.Builder(
                new com.nimbusds.oauth2.sdk.ResponseType("code"), new com.nimbusds.oauth2.sdk.Scope("openid", "email"),
                new com.nimbusds.oauth2.sdk.id.ClientID(clientId), java.net.URI.create(REDIRECT))
                .endpointURI(server.uri("/default/flow/oauth2/authorize")).state(state).nonce(nonce)
                .codeChallenge(verifier, com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256).build();
        var browser = kit.browser();
        HttpResponse<String> login = browser.login(location(browser.get(request.toURI().toString())), "un1", "pass1");

        var response = com.nimbusds.oauth2.sdk.AuthorizationResponse.parse(java.net.URI.create(location(login)));
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
        assertThat(response.getIssuer()).isEqualTo(new com.nimbusds.oauth2.sdk.id.Issuer(issuer));
        String code = response.toSuccessResponse().getAuthorizationCode().getValue();
        var stored = kit.redeem(code).code().orElseThrow();
        assertThat(stored.nonce()).isEqualTo(nonce.getValue());
        assertThat(stored.codeChallenge()).isEqualTo(com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(
                com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256, verifier).getValue());

        var error = com.nimbusds.oauth2.sdk.AuthorizationResponse.parse(java.net.URI.create(location(
                kit.browser().get(request.toURI() + "&prompt=none"))));
        assertThat(error.indicatesSuccess()).isFalse();
        assertThat(error.toErrorResponse().getErrorObject().getCode()).isEqualTo("login_required");
        assertThat(error.getIssuer()).isEqualTo(new com.nimbusds.oauth2.sdk.id.Issuer(issuer));
    }

    /** Logs in through the page; returns the code. */
    static String logIn(AuthorizeTestKit.Browser browser) {
        HttpResponse<String> r = browser.login(location(browser.authorize("flow", request())), "un1", "pass1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return redirectParams(r, false).get("code");
    }

    static List<String> keys(Map<String, String> m) {
        return List.copyOf(m.keySet());
    }
}
