package dev.latchkey.grant;

import org.jdbi.v3.core.Jdbi;

import java.time.Instant;

/** {@link RevokedTokenRepository} over JDBI (table {@code revoked_tokens}). */
public final class JdbiRevokedTokenRepository implements RevokedTokenRepository {

    private final Jdbi jdbi;

    public JdbiRevokedTokenRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void revoke(String tokenId, String tenantId, String workspaceId, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO revoked_tokens (token_id, tenant_id, workspace_id, expires_at)
                        SELECT :id, :tid, :aid, :exp WHERE NOT EXISTS
                            (SELECT 1 FROM revoked_tokens WHERE token_id = :id)""")
                .bind("id", tokenId).bind("tid", tenantId).bind("aid", workspaceId).bind("exp", expiresAt)
                .execute());
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM revoked_tokens WHERE token_id = :id")
                .bind("id", tokenId).mapTo(Integer.class).findOne().isPresent());
    }
}
