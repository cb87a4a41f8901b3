package dev.latchkey.http.console;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.console.ConsoleClient;
import dev.latchkey.console.ConsoleSessions;
import dev.latchkey.console.ConsoleSessions.Session;
import dev.latchkey.console.FormData;
import dev.latchkey.manage.Actor;
import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.TokenRequest;
import dev.latchkey.oauth.TokenResponse;
import dev.latchkey.oauth.TokenService;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.WorkspaceContexts;
import dev.latchkey.oauth.token.AccessTokenVerifier;
import dev.latchkey.oauth.token.AccessTokenVerifier.VerifiedToken;
import dev.latchkey.support.ApiException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Sign-in, the callback, sign-out and the session check of the console at {@code /app/{tid}/admin}. The console
 * is a public OAuth client ({@link ConsoleClient#CLIENT_ID}) of the tenant's {@code admin} workspace: the
 * authorization code flow with PKCE (S256) and {@code prompt=login}, the code exchanged in process with the same
 * {@link TokenService} the token endpoint uses. The access token is kept server side ({@link ConsoleSessions});
 * the browser holds only the session id (HttpOnly, SameSite=Lax, Secure on https, path {@code /app/{tid}/admin}).
 * Every request checks the token as the Admin API does (valid, issued by the tenant's admin workspace); every
 * POST checks the session's CSRF token.
 */
public final class ConsoleAuth {

    static final String COOKIE = "latchkey_console";

    private final ConsoleSessions sessions;
    private final WorkspaceContexts workspaces;
    private final ClientRepository clients;
    private final TokenService tokens;
    private final AccessTokenVerifier verifier;
    private final ConsolePages pages;
    private final String baseUrl;

    public ConsoleAuth(ConsoleSessions sessions, WorkspaceContexts workspaces, ClientRepository clients,
                       TokenService tokens, AccessTokenVerifier verifier, ConsolePages pages, String baseUrl) {
        this.sessions = sessions;
        this.workspaces = workspaces;
        this.clients = clients;
        this.tokens = tokens;
        this.verifier = verifier;
        this.pages = pages;
        this.baseUrl = baseUrl;
    }

    /** A signed-in request: the session, the audit actor, and the form of a POST (its CSRF token checked). */
    record Caller(Session session, Actor actor, FormData form) {
    }

    /** A page of workspace {@code wid} for a signed-in caller; a service's refusal it lets through is a message. */
    interface WorkspacePage {
        void show(Caller caller, String tid, String wid) throws ApiException;
    }

    /**
     * Runs {@code page} for the signed-in caller with the path's workspace; an {@link ApiException} it throws (an
     * unknown workspace, application, scope...) is the message page with its status.
     */
    void inWorkspace(ServerRequest req, ServerResponse res, WorkspacePage page) {
        require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            try {
                page.show(caller, tid, req.path().pathParameters().get("wid"));
            } catch (ApiException e) {
                pages.message(res, e.status(), tid, e.status() == 404 ? "Not found" : "Refused", e.getMessage());
            }
        });
    }

    /** GET /app/{tid}/admin: the workspaces when signed in, else the sign-in. */
    public void entry(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        if (live(req, tid).isPresent()) {
            ConsolePages.redirect(res, "/app/" + tid + "/admin/workspaces");
        } else {
            signIn(res, tid, "/app/" + tid + "/admin/workspaces");
        }
    }

    /** GET /app/{tid}/admin/callback?code&state: exchanges the code, opens the session. */
    public void callback(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        var query = req.query();
        String state = query.contains("state") ? query.get("state") : null;
        Optional<ConsoleSessions.Pending> pending = sessions.finish(state, tid);
        if (pending.isEmpty()) {
            pages.message(res, 400, tid, "Sign-in failed", "This sign-in has expired or was already used. "
                    + "Sign in again.");
            return;
        }
        if (query.contains("error") || !query.contains("code")) {
            String why = query.contains("error_description") ? query.get("error_description")
                    : query.contains("error") ? query.get("error") : "no authorization code was returned";
            pages.message(res, 400, tid, "Sign-in failed", "The sign-in was refused: " + why);
            return;
        }
        Optional<WorkspaceContext> ws = workspaces.find(tid, "admin");
        Optional<Client> client = clients.find(tid, ConsoleClient.CLIENT_ID);
        if (ws.isEmpty() || client.isEmpty()) {
            pages.message(res, 404, tid, "No console", "This tenant has no console.");
            return;
        }
        TokenResponse token;
        try {
            token = tokens.token(new TokenRequest(ws.get(), client.get(), "none", "authorization_code",
                    FormParams.parse("grant_type=authorization_code&code=" + encode(query.get("code"))
                            + "&redirect_uri=" + encode(ConsoleClient.redirectUri(baseUrl, tid))
                            + "&client_id=" + ConsoleClient.CLIENT_ID
                            + "&code_verifier=" + pending.get().verifier())));
        } catch (OAuthException e) {
            pages.message(res, 400, tid, "Sign-in failed", "The authorization code was refused: "
                    + e.error().getDescription());
            return;
        }
        Optional<VerifiedToken> verified = adminToken(token.accessToken(), tid);
        if (verified.isEmpty()) {
            pages.message(res, 403, tid, "Sign-in failed", "The access token is not one of this tenant's admin "
                    + "workspace.");
            return;
        }
        Session session = sessions.open(tid, verified.get().subject(), token.accessToken(),
                verified.get().expiresAt());
        res.headers().addCookie(cookie(tid, session.id()).build());
        ConsolePages.redirect(res, pending.get().returnTo());
    }

    /** POST /app/{tid}/admin/signout */
    public void signOut(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        Optional<Caller> caller = require(req, res);
        if (caller.isEmpty()) {
            return;
        }
        sessions.close(caller.get().session().id());
        res.headers().addCookie(cookie(tid, "").maxAge(java.time.Duration.ZERO).build());
        pages.message(res, 200, tid, "Signed out", "You have signed out of the console.");
    }

    /**
     * The signed-in caller of a console page, or empty when this method has answered already: a redirect to the
     * sign-in (no session, session expired, token no longer valid) or 403 (a POST without the session's CSRF
     * token).
     */
    Optional<Caller> require(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        boolean post = req.prologue().method() == Method.POST;
        FormData form = post ? FormData.parse(req.content().hasEntity() ? req.content().as(String.class) : "")
                : FormData.parse("");
        Optional<Session> session = live(req, tid);
        if (session.isEmpty()) {
            String path = req.path().path();
            signIn(res, tid, post ? "/app/" + tid + "/admin/workspaces"
                    : path + (req.query().rawValue().isEmpty() ? "" : "?" + req.query().rawValue()));
            return Optional.empty();
        }
        if (post && !ConsoleSessions.csrfMatches(session.get(), form.get("csrf"))) {
            pages.message(res, 403, tid, "Refused", "The form has expired (its security token does not match this "
                    + "session). Go back, reload the page and try again.");
            return Optional.empty();
        }
        String agent = req.headers().first(HeaderNames.USER_AGENT).orElse("");
        Actor actor = new Actor(tid, ConsoleClient.CLIENT_ID, session.get().subject(), req.remotePeer().host(),
                agent.length() > 200 ? agent.substring(0, 200) : agent);
        return Optional.of(new Caller(session.get(), actor, form));
    }

    private Optional<Session> live(ServerRequest req, String tid) {
        var cookies = req.headers().cookies();
        String id = cookies.contains(COOKIE) ? cookies.get(COOKIE) : null;
        Optional<Session> session = sessions.find(id, tid);
        if (session.isPresent() && adminToken(session.get().accessToken(), tid).isEmpty()) {
            sessions.close(id); // expired, revoked, or its workspace's keys changed
            return Optional.empty();
        }
        return session;
    }

    /** The token, verified as the Admin API verifies it: valid and issued by {@code tid}'s admin workspace. */
    private Optional<VerifiedToken> adminToken(String accessToken, String tid) {
        AccessTokenVerifier.Result result = verifier.verify(accessToken);
        return result.token().filter(t -> result.status() == AccessTokenVerifier.Status.VALID
                && t.tenantId().equals(tid) && t.workspaceId().equals("admin"));
    }

    private void signIn(ServerResponse res, String tid, String returnTo) {
        if (workspaces.find(tid, "admin").isEmpty()) {
            pages.message(res, 404, tid, "No console", "There is no tenant " + tid + ".");
            return;
        }
        ConsoleSessions.Pending p = sessions.begin(tid, returnTo);
        ConsolePages.redirect(res, "/" + tid + "/admin/oauth2/authorize?response_type=code&client_id="
                + ConsoleClient.CLIENT_ID + "&redirect_uri=" + encode(ConsoleClient.redirectUri(baseUrl, tid))
                + "&state=" + p.state() + "&code_challenge=" + p.challenge() + "&code_challenge_method=S256"
                + "&prompt=login");
    }

    private SetCookie.Builder cookie(String tid, String value) {
        return SetCookie.builder(COOKIE, value).path("/app/" + tid + "/admin").httpOnly(true)
                .secure(baseUrl.startsWith("https:")).sameSite(SetCookie.SameSite.LAX);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
