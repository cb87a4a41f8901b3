package dev.latchkey.keys;

import java.time.Instant;
import java.util.Map;

/**
 * A workspace key as stored: its public JWK and life-cycle timestamps; the private JWK is kept apart,
 * encrypted under the master key.
 *
 * @param use "sig" or "enc"
 */
public record StoredKey(String kid, String use, KeyStatus status, Map<String, Object> publicJwk,
                        Instant createdAt, Instant promotedAt, Instant rotatedAt, Instant revokedAt) {

    /** This key made the one in use ({@code next → current}). */
    public StoredKey promoted(Instant at) {
        return new StoredKey(kid, use, KeyStatus.CURRENT, publicJwk, createdAt, at, rotatedAt, revokedAt);
    }

    /** This key replaced by another ({@code current → rotated}); it still verifies. */
    public StoredKey rotated(Instant at) {
        return new StoredKey(kid, use, KeyStatus.ROTATED, publicJwk, createdAt, promotedAt, at, revokedAt);
    }

    /** This key withdrawn: no longer published nor accepted. */
    public StoredKey revoked(Instant at) {
        return new StoredKey(kid, use, KeyStatus.REVOKED, publicJwk, createdAt, promotedAt, rotatedAt, at);
    }
}
