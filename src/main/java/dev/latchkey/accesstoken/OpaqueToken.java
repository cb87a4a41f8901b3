package dev.latchkey.accesstoken;

import java.time.Instant;
import java.util.List;

/**
 * What an opaque access token stands for (workspaces with {@code access_token_strategy: opaque}): the
 * token itself is random and is stored only as its SHA-256 hash. {@code certificateThumbprint}: the client
 * certificate the token is bound to (RFC 8705), null for a bearer token and in documents of older versions.
 */
public record OpaqueToken(String tenantId, String workspaceId, String subject, String clientId,
                          List<String> audience, List<String> scopes, Instant issuedAt, Instant expiresAt,
                          String certificateThumbprint) {
}
