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
}
