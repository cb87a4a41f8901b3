package dev.latchkey.console;

import dev.latchkey.console.ConsoleSessionRepository.StoredSession;
import dev.latchkey.console.ConsoleSessionRepository.StoredSignIn;
import dev.latchkey.store.SecretBox;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.TokenHashes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's server-side state: sign-ins in progress (OAuth {@code state} → PKCE verifier, ten minutes) and
 * signed-in sessions (a random id, held by the browser in an HttpOnly cookie → the administrator's access token).
 * A session ends at sign-out, after {@link #IDLE} without a request, or when its access token expires, whichever
 * comes first. Kept in the database ({@link ConsoleSessionRepository}), so that every node sees the same sessions
 * at once (no sticky sessions; a sign-out on one node ends the session on all; a restart signs no one out): the
 * rows are keyed by the SHA-256 of the ids, and the access token and the verifier are encrypted under the master
 * key, bound to their row. There is no in-process cache (one primary-key read a page). The last-seen time is
 * written at most once per {@link #TOUCH}, so the idle expiry may come up to that much early. The CSRF token is
 * derived from the session id (a hash of it, distinct from the stored one), so it is never stored. Clock and
 * randomness injected. Thread-safe.
 */
public final class ConsoleSessions {

    public static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration SIGN_IN = Duration.ofMinutes(10);
    /** How often at most a session's last-seen time is written. */
    static final Duration TOUCH = Duration.ofMinutes(1);
    private static final int MAX_RETURN_TO = 2048;

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

    /** A signed-in administrator, as of this request. */
    public record Session(String id, String tenantId, String subject, String accessToken, String csrf,
                          Instant tokenExpiresAt, Instant lastSeen) {
    }

    private final ConsoleSessionRepository store;
    private final SecretBox box;
    private final Clock clock;
    private final SecureRandomness randomness;

    public ConsoleSessions(ConsoleSessionRepository store, SecretBox box, Clock clock, SecureRandomness randomness) {
        this.store = store;
        this.box = box;
        this.clock = clock;
        this.randomness = randomness;
    }

    /** Starts a sign-in to {@code tenantId}'s console. */
    public Pending begin(String tenantId, String returnTo) {
        Instant now = clock.instant();
        String to = returnTo.length() > MAX_RETURN_TO ? "/app/" + tenantId + "/admin/workspaces" : returnTo;
        Pending p = new Pending(randomness.secret(24), tenantId, randomness.secret(48), to, now.plus(SIGN_IN));
        String hash = TokenHashes.hash(p.state());
        store.insertSignIn(new StoredSignIn(hash, tenantId, box.encrypt(p.verifier(), signInContext(hash)),
                p.returnTo(), p.expiresAt()));
        return p;
    }

    /** The sign-in a callback's {@code state} names, once (on any node): a second callback with it finds nothing. */
    public Optional<Pending> finish(String state, String tenantId) {
        if (state == null || state.isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredSignIn> stored = store.takeSignIn(TokenHashes.hash(state));
        if (stored.isEmpty() || !stored.get().tenantId().equals(tenantId)
                || !clock.instant().isBefore(stored.get().expiresAt())) {
            return Optional.empty();
        }
        StoredSignIn s = stored.get();
        return Optional.of(new Pending(state, tenantId, box.decrypt(s.sealedVerifier(), signInContext(s.hash())),
                s.returnTo(), s.expiresAt()));
    }

    /** Opens a session holding the administrator's access token. */
    public Session open(String tenantId, String subject, String accessToken, Instant tokenExpiresAt) {
        Instant now = clock.instant();
        String id = randomness.secret(32);
        String hash = TokenHashes.hash(id);
        store.insertSession(new StoredSession(hash, tenantId, subject, box.encrypt(accessToken, sessionContext(hash)),
                now, now, tokenExpiresAt, expiry(now, tokenExpiresAt)));
        return new Session(id, tenantId, subject, accessToken, csrf(id), tokenExpiresAt, now);
    }

    /** The live session {@code id} of {@code tenantId}'s console (read from the database: any node's). */
    public Optional<Session> find(String id, String tenantId) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String hash = TokenHashes.hash(id);
        Instant now = clock.instant();
        Optional<StoredSession> found = store.findSession(hash, now);
        if (found.isEmpty() || !found.get().tenantId().equals(tenantId)) {
            return Optional.empty();
        }
        StoredSession s = found.get();
        Instant seen = s.lastSeenAt();
        if (!now.isBefore(seen.plus(TOUCH))) {
            seen = now;
            store.touchSession(hash, now, expiry(now, s.tokenExpiresAt()));
        }
        return Optional.of(new Session(id, tenantId, s.subject(), box.decrypt(s.sealedToken(), sessionContext(hash)),
                csrf(id), s.tokenExpiresAt(), seen));
    }

    /** Ends a session (sign-out), on every node. */
    public void close(String id) {
        if (id != null && !id.isEmpty()) {
            store.deleteSession(TokenHashes.hash(id));
        }
    }

    /** Whether a form's CSRF token is the session's (constant time). */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant expiry(Instant seen, Instant tokenExpiresAt) {
        Instant idle = seen.plus(IDLE);
        return idle.isBefore(tokenExpiresAt) ? idle : tokenExpiresAt;
    }

    /** The session's CSRF token: not the stored hash of the id (a read of the table gives no CSRF token). */
    private static String csrf(String id) {
        return TokenHashes.hash("console-csrf:" + id);
    }

    private static String sessionContext(String hash) {
        return "console-session:" + hash;
    }

    private static String signInContext(String hash) {
        return "console-sign-in:" + hash;
    }
}
