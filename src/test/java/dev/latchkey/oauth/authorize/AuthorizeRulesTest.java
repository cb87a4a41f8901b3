package dev.latchkey.oauth.authorize;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.authorize.AuthorizeTestKit.REDIRECT;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.VERIFIER;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.challenge;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.location;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.query;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.redirectParams;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RFC 9700 rules of the authorization endpoint and its bad inputs: exact redirect URI matching (and
 * the loopback port exception), no redirect for an unknown client or redirect URI (error page, 400),
 * PKCE enforced and {@code plain} refused, {@code iss} in every response, error redirects for the other
 * bad parameters, framing and caching headers.
 */
class AuthorizeRulesTest {

    static TestServer server;
    static AuthorizeTestKit kit;
    static String client;
    static String publicClient;
    static String loopbackClient;
    static String twoUris;
    static String issuer;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        kit = new AuthorizeTestKit(server);
        kit.workspace("rules", "\"enforce_pkce_for_public_clients\": true");
        kit.workspace("strict", "\"enforce_pkce\": true");
        kit.idp("rules", "sandbox");
        client = kit.client("rules");
        publicClient = kit.client("rules", List.of(REDIRECT), "none", List.of("authorization_code"));
        loopbackClient = kit.client("rules", List.of("http://127.0.0.1/cb", "http://[::1]:1234/cb"), "none",
                List.of("authorization_code"));
        twoUris = kit.client("rules", List.of(REDIRECT, REDIRECT + "2"), "client_secret_basic",
                List.of("authorization_code"));
        issuer = server.baseUrl() + "/default/rules";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> authorizeIn(String ws, String... pairs) {
        return kit.browser().authorize(ws, query(pairs));
    }

    static HttpResponse<String> authorize(String... pairs) {
        return authorizeIn("rules", pairs);
    }

    static void assertErrorPage(HttpResponse<String> r, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(r.body()).contains(message);
        assertFramingHeaders(r);
    }

    static void assertFramingHeaders(HttpResponse<String> r) {
        assertThat(r.headers().allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(r.headers().allValues("Cache-Control")).hasSize(1);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        if (r.statusCode() != 302 && r.statusCode() != 303) {
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("frame-ancestors 'none'").contains("default-src 'none'");
        }
    }

    static Map<String, String> errorRedirect(HttpResponse<String> r, String error) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        Map<String, String> p = redirectParams(r, false);
        assertThat(location(r)).startsWith(REDIRECT + "?");
        assertThat(p).containsEntry("error", error).containsEntry("iss", issuer).containsKey("error_description")
                .doesNotContainKey("code");
        return p;
    }

    @Test
    void redirectUriMustMatchExactly() {
        for (String variant : List.of(REDIRECT + "/", REDIRECT + "x", REDIRECT + "?a=1", REDIRECT + "#f",
                "https://client.example.com:8443/cb", "http://client.example.com/cb", "https://CLIENT.example.com/cb",
                "https://client.example.com/c", "https://evil.example.com/cb", "https://client.example.com/cb/../cb")) {
            assertErrorPage(authorize("response_type", "code", "client_id", client, "redirect_uri", variant,
                    "state", "s"), "The redirect_uri is not registered for this client.");
        }
        assertThat(authorize("response_type", "code", "client_id", client, "redirect_uri", REDIRECT).statusCode())
                .isEqualTo(302);
    }

    @Test
    void loopbackRedirectUrisMatchOnAnyPort() {
        for (String ok : List.of("http://127.0.0.1:51004/cb", "http://127.0.0.1/cb", "http://[::1]:9/cb")) {
            HttpResponse<String> r = authorize("response_type", "code", "client_id", loopbackClient,
                    "redirect_uri", ok, "code_challenge", challenge(VERIFIER), "code_challenge_method", "S256",
                    "prompt", "none");
            assertThat(location(r)).as(ok).startsWith(ok + "?error=login_required");
        }
        for (String bad : List.of("http://127.0.0.1:51004/cb2", "http://localhost:51004/cb",
                "https://127.0.0.1:51004/cb", "http://127.0.0.2:51004/cb")) {
            assertErrorPage(authorize("response_type", "code", "client_id", loopbackClient, "redirect_uri", bad),
                    "not registered");
        }
    }

    @Test
    void unknownDisabledOrForeignClientGetsAnErrorPageNeverARedirect() {
        assertErrorPage(authorize("response_type", "code", "client_id", "no-such-client", "redirect_uri", REDIRECT),
                "The client is unknown or disabled.");
        assertErrorPage(authorize("response_type", "code", "redirect_uri", REDIRECT), "no client_id");
        // a client of another workspace
        kit.workspace("other", "");
        String foreign = kit.client("other");
        assertErrorPage(authorize("response_type", "code", "client_id", foreign, "redirect_uri", REDIRECT),
                "The client is unknown or disabled.");
    }

    @Test
    void redirectUriMayBeOmittedOnlyWithExactlyOneRegistered() {
        assertErrorPage(authorize("response_type", "code", "client_id", twoUris), "has no redirect_uri");
        assertThat(authorize("response_type", "code", "client_id", twoUris, "redirect_uri", REDIRECT + "2")
                .statusCode()).isEqualTo(302);
    }

    @Test
    void repeatedParametersGetAnErrorPage() {
        HttpResponse<String> r = kit.browser().authorize("rules", query("response_type", "code", "client_id", client,
                "redirect_uri", REDIRECT) + "&client_id=" + client);
        assertErrorPage(r, "more than once");
    }

    @Test
    void pkceIsRequiredWhenEnforcedForPublicClients() {
        Map<String, String> p = errorRedirect(authorize("response_type", "code", "client_id", publicClient,
                "redirect_uri", REDIRECT, "state", "s1"), "invalid_request");
        assertThat(p).containsEntry("state", "s1");
        assertThat(p.get("error_description")).contains("PKCE");
        // a confidential client of the same workspace need not
        assertThat(location(authorize("response_type", "code", "client_id", client, "redirect_uri", REDIRECT)))
                .contains("/login?request_id=");
    }

    @Test
    void pkceIsRequiredForEveryClientWhenTheWorkspaceEnforcesIt() {
        String strictClient = kit.client("strict");
        HttpResponse<String> r = authorizeIn("strict", "response_type", "code", "client_id", strictClient,
                "redirect_uri", REDIRECT);
        assertThat(redirectParams(r, false)).containsEntry("error", "invalid_request")
                .containsEntry("iss", server.baseUrl() + "/default/strict");
        assertThat(location(authorizeIn("strict", "response_type", "code", "client_id", strictClient,
                "redirect_uri", REDIRECT, "code_challenge", challenge(VERIFIER), "code_challenge_method", "S256")))
                .contains("/login?request_id=");
    }

    @Test
    void plainAndMissingChallengeMethodsAreRefused() {
        assertThat(errorRedirect(authorize("response_type", "code", "client_id", publicClient, "redirect_uri",
                REDIRECT, "code_challenge", VERIFIER, "code_challenge_method", "plain"), "invalid_request")
                .get("error_description")).contains("S256");
        errorRedirect(authorize("response_type", "code", "client_id", publicClient, "redirect_uri", REDIRECT,
                "code_challenge", challenge(VERIFIER)), "invalid_request");
        errorRedirect(authorize("response_type", "code", "client_id", client, "redirect_uri", REDIRECT,
                "code_challenge_method", "S256"), "invalid_request");
        errorRedirect(authorize("response_type", "code", "client_id", client, "redirect_uri", REDIRECT,
                "code_challenge", "short", "code_challenge_method", "S256"), "invalid_request");
    }

    @Test
    void otherResponseTypesAreUnsupportedAndRedirected() {
        for (String type : List.of("token", "id_token", "code id_token", "none")) {
            errorRedirect(authorize("response_type", type, "client_id", client, "redirect_uri", REDIRECT,
                    "state", "s"), "unsupported_response_type");
        }
        errorRedirect(authorize("client_id", client, "redirect_uri", REDIRECT), "invalid_request");
    }

    @Test
    void unknownOrUnallowedScopesAreInvalidScope() {
        errorRedirect(authorize("response_type", "code", "client_id", client, "redirect_uri", REDIRECT,
                "scope", "openid nope"), "invalid_scope");
        // a scope of the workspace that the client may not have
        errorRedirect(authorize("response_type", "code", "client_id", client, "redirect_uri", REDIRECT,
                "scope", "openid phone"), "invalid_scope");
    }

    @Test
    void aClientWithoutTheCodeGrantIsUnauthorized() {
        String service = kit.client("rules", List.of(REDIRECT), "client_secret_basic", List.of("client_credentials"));
        errorRedirect(authorize("response_type", "code", "client_id", service, "redirect_uri", REDIRECT),
                "unauthorized_client");
    }

    @Test
    void badPromptMaxAgeResponseModeAndRequestObjectsAreRedirectedErrors() {
        String[] base = {"response_type", "code", "client_id", client, "redirect_uri", REDIRECT};
        errorRedirect(authorize(concat(base, "prompt", "none login")), "invalid_request");
        errorRedirect(authorize(concat(base, "prompt", "bogus")), "invalid_request");
        errorRedirect(authorize(concat(base, "max_age", "-1")), "invalid_request");
        errorRedirect(authorize(concat(base, "max_age", "soon")), "invalid_request");
        errorRedirect(authorize(concat(base, "response_mode", "web_message")), "invalid_request");
        errorRedirect(authorize(concat(base, "request", "eyJhbGciOiJub25lIn0.e30.")), "request_not_supported");
        errorRedirect(authorize(concat(base, "request_uri", "https://x.example/r")), "request_uri_not_supported");
    }

    @Test
    void errorsGoToTheFragmentWhenThatModeIsAsked() {
        HttpResponse<String> r = authorize("response_type", "token", "client_id", client, "redirect_uri", REDIRECT,
                "response_mode", "fragment", "state", "s");
        assertThat(location(r)).startsWith(REDIRECT + "#error=unsupported_response_type");
        assertThat(redirectParams(r, true)).containsEntry("iss", issuer).containsEntry("state", "s");
    }

    @Test
    void pagesAndRedirectsCarryTheFramingAndCachingHeaders() {
        HttpResponse<String> redirect = authorize("response_type", "code", "client_id", client, "redirect_uri",
                REDIRECT);
        assertFramingHeaders(redirect);
        var browser = kit.browser();
        HttpResponse<String> page = browser.get(location(browser.authorize("rules", query("response_type", "code",
                "client_id", client, "redirect_uri", REDIRECT))));
        assertThat(page.statusCode()).isEqualTo(200);
        assertFramingHeaders(page);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        String nonce = csp.replaceAll(".*style-src 'nonce-([^']+)'.*", "$1");
        assertThat(page.body()).contains("<style nonce=\"" + nonce + "\">").doesNotContain("<script");
    }

    @Test
    void malformedEncodingsGetAnErrorPageNotAServerError() {
        var browser = kit.browser();
        assertThat(rawGet("/default/rules/oauth2/authorize?client_id=%zz&response_type=code")).startsWith("HTTP/1.1 400");
        assertThat(rawGet("/default/rules/oauth2/authorize?client_id=" + client + "&redirect_uri=%E0%A4%A"))
                .startsWith("HTTP/1.1 400");
        assertThat(rawGet("/default/rules/login?request_id=%zz")).startsWith("HTTP/1.1 400");
        assertThat(browser.post("/default/rules/login", "request_id=%zz&csrf=%").statusCode()).isEqualTo(400);
        assertThat(browser.post("/default/rules/oauth2/authorize", "client_id=%").statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownWorkspaceIsNotFound() {
        assertThat(kit.browser().authorize("nope", query("client_id", client)).statusCode()).isEqualTo(404);
    }

    /** A GET sent as raw bytes (java.net.URI refuses malformed escapes); returns the status line. */
    private static String rawGet(String target) {
        try (var socket = new java.net.Socket("127.0.0.1", server.server().port())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
