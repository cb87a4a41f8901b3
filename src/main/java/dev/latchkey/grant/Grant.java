package dev.latchkey.grant;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one authenticated user authorized one client to do: created when the authorization endpoint issues
 * a code, it is the family of everything issued from that code (the code, refresh tokens and their
 * rotations, the access tokens). Revoking it revokes them all (code reuse, refresh-token reuse,
 * revocation of a refresh token).
 *
 * <p>{@code subject} is the user's own subject at the identity provider (the {@code public} identifier);
 * the identifier a client sees is derived from it by {@link SubjectIdentifiers}. {@code claims} are the
 * user's claims after the IDP's mappings; {@code authTime} is when the user authenticated (OIDC
 * {@code auth_time}); {@code expiresAt} bounds the whole family (the refresh token lifetime). Immutable.
 */
public record Grant(String grantId, String tenantId, String workspaceId, String clientId, String subject,
                    String idp, List<String> amr, String acr, Instant authTime, List<String> scopes,
                    Map<String, Object> claims, String sessionId, Instant createdAt, Instant expiresAt) {

    public Grant {
        amr = amr == null ? List.of() : List.copyOf(amr);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        // claims may hold null values (JSON null), which Map.copyOf refuses
        claims = claims == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
