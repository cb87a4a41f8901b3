package dev.latchkey.oauth.endpoint;

import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.authorize.LogoutFlow;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/**
 * {@code GET|POST /{tid}/{aid}/oidc/logout} (OpenID Connect RP-Initiated Logout 1.0, Cloudentity's
 * path): asks the user to confirm, then ends the SSO session (the cookie is expired) and redirects to
 * the client's registered {@code post_logout_redirect_uri} with {@code state}, or says the user is
 * signed out.
 */
public final class LogoutEndpoint {

    private final LogoutFlow flow;
    private final Pages pages;

    public LogoutEndpoint(LogoutFlow flow, Pages pages) {
        this.flow = flow;
        this.pages = pages;
    }

    public void handle(WorkspaceContext ws, ServerRequest req, ServerResponse res) {
        Pages.noStoreAndNoFraming(res);
        Map<String, String> params;
        try {
            String raw = req.prologue().method() == Method.POST
                    ? FormBodies.text(req) : req.query().rawValue();
            params = FormParams.parse(raw).asMap();
        } catch (OAuthException e) {
            pages.error(res, e.error().getDescription());
            return;
        }
        String cookie = AuthorizeEndpoint.cookie(req, AuthorizeEndpoint.SESSION_COOKIE).orElse(null);
        String name = ws.workspace().name() == null ? ws.workspaceId() : ws.workspace().name();
        switch (flow.logout(ws, params, cookie)) {
            case LogoutFlow.Refused r -> pages.error(res, r.message());
            case LogoutFlow.Confirm c -> pages.logout(res, c.workspaceName(), ws.issuer() + "/oidc/logout", c.fields());
            case LogoutFlow.Done d -> {
                if (d.sessionEnded()) {
                    res.headers().addCookie(SetCookie.builder(AuthorizeEndpoint.SESSION_COOKIE, "")
                            .path("/" + ws.tenantId() + "/" + ws.workspaceId()).httpOnly(true)
                            .secure(ws.issuer().startsWith("https:")).sameSite(SetCookie.SameSite.LAX)
                            .expires(java.time.Instant.EPOCH).build()); // Helidon leaves out Max-Age=0
                }
                if (d.redirect() == null) {
                    pages.logout(res, name, null, null);
                } else {
                    res.status(req.prologue().method() == Method.POST ? Status.SEE_OTHER_303 : Status.FOUND_302);
                    res.header(HeaderNames.LOCATION, d.redirect());
                    res.send();
                }
            }
        }
    }
}
