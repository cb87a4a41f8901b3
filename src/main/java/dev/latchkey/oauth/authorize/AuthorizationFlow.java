package dev.latchkey.oauth.authorize;

import dev.latchkey.audit.SecurityEvents;
import dev.latchkey.idp.StaticIdp;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.session.AuthorizationRequestRepository;
import dev.latchkey.session.SsoSession;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.Secrets;
import dev.latchkey.support.TokenHashes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authorization code flow from the browser's side, framework-free: the authorization request, the
 * login page and the login form. A request with a usable SSO session gets its code at once; otherwise it
 * is stored as pending (10 minutes, with a random CSRF token) and the browser goes to the login page.
 * A session is not usable with {@code prompt=login}, or when it is older than {@code max_age}; with
 * {@code prompt=none} and no usable session the client gets {@code login_required} (OIDC Core §3.1.2.6).
 * There is no consent screen: the granted scopes are the requested ones the client may have.
 *
 * <p>Login CSRF: the form carries a random token stored with the pending request, and the request is bound
 * to the browser that started it by a random cookie (HttpOnly, SameSite=Lax; only its hash is stored), so
 * that a page of another site can neither post the form of its own pending request into the victim's
 * browser (the cookie does not match) nor guess the token.
 */
public final class AuthorizationFlow {

    static final Duration PENDING_TTL = Duration.ofMinutes(10);
    private static final String CSRF = "csrf";
    private static final String BROWSER = "browser";

    private final AuthorizationRequestValidator validator;
    private final AuthorizationRequestRepository pending;
    private final SsoSessions sessions;
    private final StaticLogin login;
    private final LoginThrottle throttle;
    private final CodeIssuer codes;
    private final Clock clock;
    private final SecureRandomness randomness;
    private final SecurityEvents events;

    public AuthorizationFlow(AuthorizationRequestValidator validator, AuthorizationRequestRepository pending,
                             SsoSessions sessions, StaticLogin login, LoginThrottle throttle, CodeIssuer codes,
                             Clock clock, SecureRandomness randomness, SecurityEvents events) {
        this.events = events;
        this.validator = validator;
        this.pending = pending;
        this.sessions = sessions;
        this.login = login;
        this.throttle = throttle;
        this.codes = codes;
        this.clock = clock;
        this.randomness = randomness;
    }

    /**
     * {@code GET|POST /oauth2/authorize} with its parameters, the session cookie and the browser-binding
     * cookie (each null when absent).
     */
    public AuthorizeOutcome authorize(WorkspaceContext ws, Map<String, String> params, String sessionCookie,
                                      String browserCookie) {
        AuthorizationRequest request;
        try {
            request = validator.validate(ws, params);
        } catch (AuthorizationError e) {
            return e.redirect() == null ? new AuthorizeOutcome.ShowError(e.getMessage())
                    : new AuthorizeOutcome.Respond(e.redirect(), null);
        }
        Instant now = clock.instant();
        Optional<SsoSession> session = sessionCookie == null ? Optional.empty() : sessions.find(ws, sessionCookie);
        if (session.isPresent() && !request.promptLogin()
                && (request.maxAge() == null || session.get().authTime().plusSeconds(request.maxAge()).isAfter(now))) {
            return new AuthorizeOutcome.Respond(codes.issue(ws, request, session.get()), null);
        }
        if (request.promptNone()) {
            return new AuthorizeOutcome.Respond(AuthorizationResponse.error(request.redirectUri(),
                    request.responseMode(), "login_required", "The user must log in.", request.state(),
                    ws.issuer()), null);
        }
        String requestId = randomness.secret(24);
        // one binding per browser, kept while it has one (and set again to renew it), so that logins in
        // several tabs do not clash
        boolean keep = browserCookie != null && browserCookie.matches("[A-Za-z0-9_-]{43}");
        String browser = keep ? browserCookie : randomness.secret(32);
        Map<String, String> stored = new HashMap<>(request.toMap());
        stored.put(CSRF, randomness.secret(24));
        stored.put(BROWSER, TokenHashes.hash(browser));
        pending.insert(requestId, ws.tenantId(), ws.workspaceId(), stored, now.plus(PENDING_TTL));
        return new AuthorizeOutcome.ToLogin(requestId, null, browser);
    }

    /** {@code GET /login}: the page of a pending request, with the message of {@code error} (may be null). */
    public AuthorizeOutcome loginPage(WorkspaceContext ws, String action, String requestId, String error) {
        Optional<Map<String, String>> stored = find(ws, requestId);
        if (stored.isEmpty()) {
            return expired();
        }
        List<LoginPage.Idp> idps = login.offered(ws).stream()
                .map(i -> new LoginPage.Idp(i.id(), i.name() == null || i.name().isEmpty() ? i.id() : i.name()))
                .toList();
        String name = ws.workspace().name() == null ? ws.workspaceId() : ws.workspace().name();
        return new AuthorizeOutcome.ShowLogin(new LoginPage(name, action, requestId, stored.get().get(CSRF), idps,
                stored.get().get("login_hint"), LoginPage.message(error)));
    }

    /**
     * {@code POST /login}: the form's fields, the client's address, the session cookie (null when none,
     * ended on success) and the browser-binding cookie.
     */
    public AuthorizeOutcome login(WorkspaceContext ws, Map<String, String> form, String address, String oldCookie,
                                  String browserCookie) {
        return login(ws, form, new SecurityEvents.Origin(address, ""), oldCookie, browserCookie);
    }

    /** The same, with the user agent of the request beside its address (for the audit events). */
    public AuthorizeOutcome login(WorkspaceContext ws, Map<String, String> form, SecurityEvents.Origin origin,
                                  String oldCookie, String browserCookie) {
        String address = origin.ip();
        String requestId = form.get("request_id");
        Optional<Map<String, String>> stored = find(ws, requestId);
        if (stored.isEmpty()) {
            return expired();
        }
        if (!Secrets.equal(stored.get().get(CSRF), form.get(CSRF)) || browserCookie == null
                || !Secrets.equal(stored.get().get(BROWSER), TokenHashes.hash(browserCookie))) {
            return new AuthorizeOutcome.ShowError("The login form is invalid (CSRF token missing or wrong, or another browser). "
                    + "Start again from the application.");
        }
        String username = form.get("username");
        String password = form.get("password");
        if (username == null || password == null) {
            return new AuthorizeOutcome.ToLogin(requestId, LoginPage.MISSING);
        }
        String clientId = stored.get().get("client_id");
        if (throttle.locked(ws.tenantId(), ws.workspaceId(), username, address)) {
            events.loginFailed(origin, ws.tenantId(), ws.workspaceId(), clientId, username, form.get("idp"), "locked");
            return new AuthorizeOutcome.ToLogin(requestId, LoginPage.LOCKED);
        }
        Optional<StaticIdp> idp = idp(ws, form.get("idp"));
        if (idp.isEmpty()) {
            return new AuthorizeOutcome.ShowError("The identity provider is unknown or disabled.");
        }
        Optional<AuthenticatedUser> user = login.authenticate(idp.get(), username, password);
        if (user.isEmpty()) {
            throttle.failed(ws.tenantId(), ws.workspaceId(), username, address);
            events.loginFailed(origin, ws.tenantId(), ws.workspaceId(), clientId, username, idp.get().id(),
                    "invalid_credentials");
            return new AuthorizeOutcome.ToLogin(requestId,
                    throttle.locked(ws.tenantId(), ws.workspaceId(), username, address)
                            ? LoginPage.LOCKED : LoginPage.INVALID);
        }
        throttle.succeeded(ws.tenantId(), ws.workspaceId(), username);
        events.loginSucceeded(origin, ws.tenantId(), ws.workspaceId(), clientId, user.get().subject(),
                user.get().idp(), user.get().amr());
        pending.delete(requestId);
        sessions.end(oldCookie);
        SsoSessions.Created session = sessions.create(ws, user.get());
        AuthorizationRequest request = AuthorizationRequest.fromMap(stored.get());
        return new AuthorizeOutcome.Respond(codes.issue(ws, request, session.session()), session.cookieValue());
    }

    /** The IDP the form names, or the only one offered when it names none. */
    private Optional<StaticIdp> idp(WorkspaceContext ws, String id) {
        if (id != null) {
            return login.find(ws, id);
        }
        var offered = login.offered(ws);
        return offered.size() == 1 ? login.find(ws, offered.get(0).id()) : Optional.empty();
    }

    private Optional<Map<String, String>> find(WorkspaceContext ws, String requestId) {
        if (requestId == null || requestId.length() > 64) {
            return Optional.empty();
        }
        return pending.find(requestId, ws.tenantId(), ws.workspaceId(), clock.instant());
    }

    private static AuthorizeOutcome expired() {
        return new AuthorizeOutcome.ShowError("The login request is unknown or has expired. "
                + "Start again from the application.");
    }
}
