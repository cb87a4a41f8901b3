package dev.latchkey.console;

import dev.latchkey.support.SecureRandomness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's server-side state: sign-ins in progress (OAuth {@code state} → PKCE verifier, ten minutes) and
 * signed-in sessions (a random id, held by the browser in an HttpOnly cookie → the administrator's access token
 * and the session's CSRF token). A session ends at sign-out, after {@link #IDLE} without a request, or when its
 * access token expires, whichever comes first. Held in memory: one node, or sticky sessions in front of several
 * (a restart signs everyone out). Clock and randomness injected. Thread-safe.
 */
public final class ConsoleSessions {

    public static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration SIGN_IN = Duration.ofMinutes(10);
    private static final int MAX_PENDING = 10_000;

    /** A sign-in in progress: the tenant, the PKCE verifier, and where to go afterwards. */
    public record Pending(String state, String tenantId, String verifier, String returnTo, Instant expiresAt) {

        /** The S256 code challenge of the verifier (RFC 7636 §4.2). */
        public String challenge() {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A signed-in administrator; {@code lastSeen} slides with every request. */
    public record Session(String id, String tenantId, String subject, String accessToken, String csrf,
                          Instant tokenExpiresAt, Instant lastSeen) {

        Session seen(Instant now) {
            return new Session(id, tenantId, subject, accessToken, csrf, tokenExpiresAt, now);
        }

        boolean liveAt(Instant now) {
            return now.isBefore(tokenExpiresAt) && now.isBefore(lastSeen.plus(IDLE));
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SecureRandomness randomness;

    public ConsoleSessions(Clock clock, SecureRandomness randomness) {
        this.clock = clock;
        this.randomness = randomness;
    }

    /** Starts a sign-in to {@code tenantId}'s console. */
    public Pending begin(String tenantId, String returnTo) {
        Instant now = clock.instant();
        if (pending.size() >= MAX_PENDING) {
            pending.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        }
        Pending p = new Pending(randomness.secret(24), tenantId, randomness.secret(48), returnTo, now.plus(SIGN_IN));
        pending.put(p.state(), p);
        return p;
    }

    /** The sign-in a callback's {@code state} names, once: a second callback with it finds nothing. */
    public Optional<Pending> finish(String state, String tenantId) {
        Pending p = state == null ? null : pending.remove(state);
        if (p == null || !p.tenantId().equals(tenantId) || !clock.instant().isBefore(p.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** Opens a session holding the administrator's access token. */
    public Session open(String tenantId, String subject, String accessToken, Instant tokenExpiresAt) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !s.liveAt(now));
        Session s = new Session(randomness.secret(32), tenantId, subject, accessToken, randomness.secret(24),
                tokenExpiresAt, now);
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session {@code id} of {@code tenantId}'s console; an expired one is dropped. */
    public Optional<Session> find(String id, String tenantId) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null || !s.tenantId().equals(tenantId)) {
            return Optional.empty();
        }
        if (!s.liveAt(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session seen = s.seen(now);
        sessions.put(id, seen);
        return Optional.of(seen);
    }

    /** Ends a session (sign-out). */
    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Whether a form's CSRF token is the session's (constant time). */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
