package dev.latchkey.oauth.endpoint;

import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.authorize.AuthorizationFlow;
import dev.latchkey.oauth.authorize.AuthorizeOutcome;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /{tid}/{aid}/oauth2/authorize} (RFC 6749 §4.1.1, OIDC Core §3.1.2.1: POST sends the
 * parameters form-encoded). Reads the parameters and the SSO session cookie and hands them to the
 * {@link AuthorizationFlow}; writes what it decides: the client's response, a redirect to the login
 * page, or an error page. Redirects answer GET with 302 and POST with 303 (RFC 9700 §4.12).
 */
public final class AuthorizeEndpoint {

    /** The SSO session cookie (Path {@code /{tid}/{aid}}). */
    static final String SESSION_COOKIE = "latchkey_session";
    /** The cookie that binds a pending login to the browser that started it (login CSRF). */
    static final String BROWSER_COOKIE = "latchkey_login";

    private static final Duration BROWSER_COOKIE_MAX_AGE = Duration.ofHours(1);

    private final AuthorizationFlow flow;
    private final Pages pages;

    public AuthorizeEndpoint(AuthorizationFlow flow, Pages pages) {
        this.flow = flow;
        this.pages = pages;
    }

    public void handle(WorkspaceContext ws, ServerRequest req, ServerResponse res) {
        Map<String, String> params;
        try {
            params = params(req);
        } catch (OAuthException e) {
            pages.error(res, e.error().getDescription());
            return;
        }
        write(ws, req, res, flow.authorize(ws, params, cookie(req, SESSION_COOKIE).orElse(null),
                cookie(req, BROWSER_COOKIE).orElse(null)), pages);
    }

    private static Map<String, String> params(ServerRequest req) {
        String raw;
        if (req.prologue().method() == Method.POST) {
            String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
            if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                throw OAuthException.invalidRequest("The request must be application/x-www-form-urlencoded.");
            }
            raw = FormBodies.text(req);
        } else {
            raw = req.query().rawValue();
        }
        return FormParams.parse(raw).asMap();
    }

    static Optional<String> cookie(ServerRequest req, String name) {
        var cookies = req.headers().cookies();
        return cookies.contains(name) ? Optional.of(cookies.get(name)) : Optional.empty();
    }

    /** Writes an outcome of the flow (shared with the login endpoint). */
    static void write(WorkspaceContext ws, ServerRequest req, ServerResponse res, AuthorizeOutcome outcome,
                      Pages pages) {
        Pages.noStoreAndNoFraming(res);
        switch (outcome) {
            case AuthorizeOutcome.ShowError e -> pages.error(res, e.message());
            case AuthorizeOutcome.ShowLogin s -> pages.login(res, s.page());
            case AuthorizeOutcome.ToLogin l -> {
                if (l.newBrowserCookie() != null) {
                    setCookie(ws, res, BROWSER_COOKIE, l.newBrowserCookie(), BROWSER_COOKIE_MAX_AGE);
                }
                redirect(req, res, ws.issuer() + "/login?request_id=" + encode(l.requestId())
                        + (l.error() == null ? "" : "&error=" + encode(l.error())));
            }
            case AuthorizeOutcome.Respond r -> {
                if (r.newSessionCookie() != null) {
                    setCookie(ws, res, SESSION_COOKIE, r.newSessionCookie(), ws.workspace().cookieMaxAge());
                }
                if (r.response().formPost()) {
                    pages.formPost(res, r.response());
                } else {
                    redirect(req, res, r.response().location());
                }
            }
        }
    }

    /** HttpOnly, SameSite=Lax, Secure when the issuer is https, Path {@code /{tid}/{aid}}. */
    private static void setCookie(WorkspaceContext ws, ServerResponse res, String name, String value,
                                  Duration maxAge) {
        res.headers().addCookie(SetCookie.builder(name, value)
                .path("/" + ws.tenantId() + "/" + ws.workspaceId())
                .httpOnly(true)
                .secure(ws.issuer().startsWith("https:"))
                .sameSite(SetCookie.SameSite.LAX)
                .maxAge(maxAge)
                .build());
    }

    private static void redirect(ServerRequest req, ServerResponse res, String location) {
        res.status(req.prologue().method() == Method.POST ? Status.SEE_OTHER_303 : Status.FOUND_302);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
