package dev.latchkey.client;

import java.time.Instant;

/**
 * The registration of a dynamically registered client (RFC 7591 §3.2.1, RFC 7592): the SHA-256 hash of its
 * registration access token ({@code TokenHashes.hash}; the token itself is never stored), when it was issued and
 * when it expires ({@code null}: never). Immutable.
 */
public record ClientRegistration(String tenantId, String workspaceId, String clientId, String tokenHash,
                                 Instant issuedAt, Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
