package dev.latchkey.oauth.endpoint;

import dev.latchkey.oauth.authorize.AuthorizationResponse;
import dev.latchkey.oauth.authorize.LoginPage;
import dev.latchkey.support.SecureRandomness;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/**
 * The server-rendered pages of the OAuth flow (templates in {@code src/main/jte}, precompiled at build
 * time, HTML content type so every value is escaped by jte). Every page is sent with {@code Cache-Control:
 * no-store}, {@code X-Frame-Options: DENY} and a Content-Security-Policy that allows nothing but the
 * page's own inline style and script (by a per-response nonce) and forbids framing (RFC 9700 §4.16).
 */
public final class Pages {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final SecureRandomness randomness;

    public Pages(SecureRandomness randomness) {
        this.randomness = randomness;
    }

    public void login(ServerResponse res, LoginPage page) {
        String nonce = randomness.secret(16);
        send(res, 200, "login.jte", Map.of("page", page, "nonce", nonce), nonce);
    }

    public void error(ServerResponse res, String message) {
        String nonce = randomness.secret(16);
        send(res, 400, "error.jte", Map.of("message", message, "nonce", nonce), nonce);
    }

    /** The logout page: a confirmation form ({@code fields} not null) or the signed-out message. */
    public void logout(ServerResponse res, String workspaceName, String action, Map<String, String> fields) {
        String nonce = randomness.secret(16);
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("workspaceName", workspaceName);
        params.put("action", action);
        params.put("fields", fields);
        params.put("nonce", nonce);
        send(res, 200, "logout.jte", params, nonce);
    }

    /** The {@code form_post} response mode (OAuth 2.0 Form Post Response Mode): a self-submitting form. */
    public void formPost(ServerResponse res, AuthorizationResponse response) {
        String nonce = randomness.secret(16);
        send(res, 200, "form_post.jte",
                Map.of("action", response.redirectUri(), "fields", response.params(), "nonce", nonce), nonce);
    }

    private void send(ServerResponse res, int status, String template, Map<String, Object> params, String nonce) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
        noStoreAndNoFraming(res);
        res.header(HeaderNames.create("Content-Security-Policy"), "default-src 'none'; style-src 'nonce-" + nonce
                + "'; script-src 'nonce-" + nonce + "'; img-src 'self' data:; base-uri 'none'; "
                + "frame-ancestors 'none'");
        res.send(out.toString());
    }

    /** The headers of every answer of the browser-facing endpoints, redirects included. */
    static void noStoreAndNoFraming(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.PRAGMA, "no-cache");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
    }
}
