package dev.latchkey.http.console;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.Htmx;
import dev.latchkey.support.SecureRandomness;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the console's jte templates ({@code src/main/jte/console}, precompiled, HTML-escaped) with the headers
 * of every console answer: {@code Cache-Control: no-store}, {@code X-Frame-Options: DENY} and a CSP that allows the
 * console's own style sheet, its own scripts (htmx) and the page's inline script by nonce, requests and forms to
 * this origin only, and no framing.
 */
public final class ConsolePages {

    private static final byte[] CSS = resource("/console/console.css");
    private static final byte[] HTMX = resource(Htmx.RESOURCE);
    /** Set by htmx on its requests; such a request for a list wants only the list's fragment. */
    private static final HeaderName HX_REQUEST = HeaderNames.create("HX-Request");
    /** Set by htmx when it reloads a page for the back button: that one wants the whole page. */
    private static final HeaderName HX_HISTORY_RESTORE = HeaderNames.create("HX-History-Restore-Request");
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final SecureRandomness randomness;

    public ConsolePages(SecureRandomness randomness) {
        this.randomness = randomness;
    }

    /** A fresh CSP nonce for one page. */
    String nonce() {
        return randomness.secret(16);
    }

    /** The chrome of a signed-in page of workspace {@code wid} (null: a tenant page), with a fresh nonce. */
    Chrome chrome(ConsoleAuth.Caller caller, String wid, String section) {
        return new Chrome(caller.session().tenantId(), wid, caller.session().subject(), caller.session().csrf(),
                nonce(), section);
    }

    /** Renders {@code console/<template>.jte} with {@code params}; {@code nonce} is the one the page's chrome holds. */
    void render(ServerResponse res, int status, String template, String nonce, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render("console/" + template + ".jte", params, out);
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
        headers(res);
        res.header(HeaderNames.VARY, "HX-Request");
        res.header(HeaderNames.create("Content-Security-Policy"), "default-src 'none'; style-src 'self'; "
                + "script-src 'self' 'nonce-" + nonce + "'; connect-src 'self'; img-src 'self' data:; "
                + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        res.send(out.toString());
    }

    /** The parameters of a page of workspace {@code wid} (null: no workspace) with its chrome and a fresh nonce. */
    Map<String, Object> params(ConsoleAuth.Caller caller, String wid, String section) {
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", chrome(caller, wid, section));
        return params;
    }

    /** Renders {@code template} with {@code params} made by {@link #params}, with their chrome's nonce. */
    void render(ServerResponse res, int status, String template, Map<String, Object> params) {
        render(res, status, template, ((Chrome) params.get("chrome")).nonce(), params);
    }

    /** A page with only a message (sign-in failures, signed out, not found). */
    void message(ServerResponse res, int status, String tenantId, String title, String message) {
        String nonce = nonce();
        Map<String, Object> params = new HashMap<>();
        params.put("base", "/app/" + tenantId + "/admin");
        params.put("title", title);
        params.put("message", message);
        render(res, status, "message", nonce, params);
    }

    /** GET /app/console.css */
    public void css(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/css; charset=UTF-8");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.send(CSS);
    }

    /** GET /app/htmx.min.js?v=: the webjar's script, cached for a year (a new version is a new URL). */
    public void htmx(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/javascript; charset=UTF-8");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.send(HTMX);
    }

    /** Whether htmx asks for a list's fragment only (live search, paging in place) rather than the whole page. */
    static boolean fragment(ServerRequest req) {
        return req.headers().contains(HX_REQUEST) && !req.headers().contains(HX_HISTORY_RESTORE);
    }

    /** 303 to {@code location}, with the console's headers. */
    static void redirect(ServerResponse res, String location) {
        headers(res);
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    static void headers(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "same-origin");
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsolePages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
