package dev.latchkey.oauth.authorize;

import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.session.SessionRepository;
import dev.latchkey.session.SsoSession;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.TokenHashes;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Single sign-on sessions: the cookie carries a random id (256 bits); the store knows only its hash,
 * which is also the session's {@code sessionId} (and the grants' {@code sessionId}). A session lasts the
 * workspace's {@code cookie_max_age} and is valid only in its own workspace.
 */
public final class SsoSessions {

    /** A new session and the value of its cookie. */
    public record Created(String cookieValue, SsoSession session) {
    }

    private final SessionRepository sessions;
    private final Clock clock;
    private final SecureRandomness randomness;

    public SsoSessions(SessionRepository sessions, Clock clock, SecureRandomness randomness) {
        this.sessions = sessions;
        this.clock = clock;
        this.randomness = randomness;
    }

    public Created create(WorkspaceContext ws, AuthenticatedUser user) {
        String cookie = randomness.secret(32);
        String hash = TokenHashes.hash(cookie);
        Instant now = clock.instant();
        SsoSession session = new SsoSession(hash, ws.tenantId(), ws.workspaceId(), user.subject(), user.idp(),
                user.amr(), "", now, user.claims(), now, now.plus(ws.workspace().cookieMaxAge()));
        sessions.insert(hash, session);
        return new Created(cookie, session);
    }

    /** The live session of this workspace that a cookie value names. */
    public Optional<SsoSession> find(WorkspaceContext ws, String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        return sessions.find(TokenHashes.hash(cookieValue), clock.instant())
                .filter(s -> s.tenantId().equals(ws.tenantId()) && s.workspaceId().equals(ws.workspaceId()));
    }

    public void end(String cookieValue) {
        if (cookieValue != null && !cookieValue.isEmpty()) {
            sessions.delete(TokenHashes.hash(cookieValue));
        }
    }
}
