package dev.latchkey.console;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the console's sessions and sign-ins in progress are kept: the database, so that every node sees the same
 * ones. Rows are keyed by the SHA-256 of the browser's random id; the secret columns arrive here already
 * encrypted ({@link ConsoleSessions} seals and opens them).
 */
public interface ConsoleSessionRepository {

    /** A stored session; {@code sealedToken} is the encrypted access token. */
    record StoredSession(String hash, String tenantId, String subject, String sealedToken, Instant createdAt,
                         Instant lastSeenAt, Instant tokenExpiresAt, Instant expiresAt) {
    }

    /** A stored sign-in in progress; {@code sealedVerifier} is the encrypted PKCE verifier. */
    record StoredSignIn(String hash, String tenantId, String sealedVerifier, String returnTo, Instant expiresAt) {
    }

    void insertSession(StoredSession session);

    /** The session with this hash, if it has not expired at {@code now}. */
    Optional<StoredSession> findSession(String hash, Instant now);

    /** Records a request: the session's last-seen time and its new expiry. */
    void touchSession(String hash, Instant lastSeenAt, Instant expiresAt);

    void deleteSession(String hash);

    void insertSignIn(StoredSignIn signIn);

    /** Takes (reads and deletes) the sign-in with this hash: of two callers racing, only one gets it. */
    Optional<StoredSignIn> takeSignIn(String hash);
}
