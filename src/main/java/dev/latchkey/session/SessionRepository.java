package dev.latchkey.session;

import java.time.Instant;
import java.util.Optional;

/** Stored SSO sessions, by the hash of the cookie's session id. */
public interface SessionRepository {

    void insert(String sessionHash, SsoSession session);

    /** The session, unless unknown or expired at {@code now}. */
    Optional<SsoSession> find(String sessionHash, Instant now);

    void delete(String sessionHash);
}
