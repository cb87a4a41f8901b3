package dev.latchkey.oauth.token;

import java.time.Instant;

/**
 * An access token just minted: its value for the client, its id (a JWT's {@code jti}, an opaque token's
 * stored hash) by which it can be revoked, and its expiry.
 */
public record IssuedAccessToken(String value, String tokenId, Instant expiresAt) {
}
