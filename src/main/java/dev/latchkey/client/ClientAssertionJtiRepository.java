package dev.latchkey.client;

import java.time.Instant;

/**
 * The identifiers ({@code jti}) of the client assertions already accepted, each kept until its assertion
 * expires, so that an assertion authenticates its client once (RFC 7523 §3 item 7, OIDC Core §9).
 */
public interface ClientAssertionJtiRepository {

    /**
     * Records the first use of {@code jtiHash} by the client; false when it was used before and has not yet
     * expired. Of concurrent calls with the same jti, on any node, exactly one gets true.
     */
    boolean firstUse(String tenantId, String workspaceId, String clientId, String jtiHash, Instant expiresAt,
                     Instant now);
}
