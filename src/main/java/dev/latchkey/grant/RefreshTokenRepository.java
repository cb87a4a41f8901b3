package dev.latchkey.grant;

import java.time.Instant;
import java.util.Optional;

/** Stored refresh tokens, by the hash of the token. */
public interface RefreshTokenRepository {

    void insert(String tokenHash, RefreshToken token);

    /**
     * Uses a refresh token for one rotation, atomically: of concurrent calls (on any node) exactly one gets
     * {@link Use.Status#ROTATED}; a token used before gets {@link Use.Status#REUSED} with the time of its
     * first use (the caller decides between a concurrent retry and a replay).
     */
    Use use(String tokenHash, Instant now);

    /** The token, unless unknown, used or expired at {@code now}; for introspection. */
    Optional<RefreshToken> findActive(String tokenHash, Instant now);

    /** The outcome of {@link #use}; {@code token} is present unless the status is UNKNOWN. */
    record Use(Status status, Optional<RefreshToken> token, Optional<Instant> usedAt) {

        public enum Status { ROTATED, REUSED, EXPIRED, UNKNOWN }
    }
}
