package dev.latchkey.client;

import java.time.Instant;

/**
 * A client secret that was replaced by a rotation and is still accepted until it is revoked or, when the
 * rotation set {@code auto_revoke_after}, until {@code expiresAt} (null: until revoked). Held in clear here,
 * encrypted at rest by the repository. Immutable.
 */
public record RotatedSecret(String secret, Instant rotatedAt, Instant expiresAt) {

    /** Whether the secret is still accepted at {@code now}. */
    public boolean activeAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    public RotatedSecret withSecret(String newSecret) {
        return new RotatedSecret(newSecret, rotatedAt, expiresAt);
    }
}
