package dev.latchkey.session;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A single sign-on session of one user in one workspace: who authenticated, how and when. The cookie holds
 * a random session id; only its hash is stored. Lasts the workspace's {@code cookie_max_age}. Immutable.
 */
public record SsoSession(String sessionId, String tenantId, String workspaceId, String subject, String idp,
                         List<String> amr, String acr, Instant authTime, Map<String, Object> claims,
                         Instant createdAt, Instant expiresAt) {

    public SsoSession {
        amr = amr == null ? List.of() : List.copyOf(amr);
        // claims may hold null values (JSON null), which Map.copyOf refuses
        claims = claims == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }
}
