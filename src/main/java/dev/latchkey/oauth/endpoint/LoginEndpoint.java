package dev.latchkey.oauth.endpoint;

import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.authorize.AuthorizationFlow;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/**
 * {@code GET /{tid}/{aid}/login?request_id=...} shows the login page of a pending authorization request;
 * {@code POST /{tid}/{aid}/login} checks the form (CSRF token, lockout, credentials) and answers 303:
 * back to the page with an error, or to the client with the code (a page for {@code form_post}).
 */
public final class LoginEndpoint {

    private final AuthorizationFlow flow;
    private final Pages pages;

    public LoginEndpoint(AuthorizationFlow flow, Pages pages) {
        this.flow = flow;
        this.pages = pages;
    }

    public void page(WorkspaceContext ws, ServerRequest req, ServerResponse res) {
        var query = req.query();
        String requestId = query.contains("request_id") ? query.get("request_id") : null;
        String error = query.contains("error") ? query.get("error") : null;
        AuthorizeEndpoint.write(ws, req, res, flow.loginPage(ws, ws.issuer() + "/login", requestId, error), pages);
    }

    public void submit(WorkspaceContext ws, ServerRequest req, ServerResponse res) {
        Map<String, String> form;
        try {
            String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
            if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                throw OAuthException.invalidRequest("The login form must be application/x-www-form-urlencoded.");
            }
            form = FormParams.parse(FormBodies.text(req)).asMap();
        } catch (OAuthException e) {
            Pages.noStoreAndNoFraming(res);
            pages.error(res, e.error().getDescription());
            return;
        }
        AuthorizeEndpoint.write(ws, req, res, flow.login(ws, form, dev.latchkey.http.RequestOrigins.of(req),
                AuthorizeEndpoint.cookie(req, AuthorizeEndpoint.SESSION_COOKIE).orElse(null),
                AuthorizeEndpoint.cookie(req, AuthorizeEndpoint.BROWSER_COOKIE).orElse(null)), pages);
    }
}
