package dev.latchkey.grant;

import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link RevokedTokenRepository} over JDBI (tables {@code revoked_tokens}, {@code revoked_subjects}). */
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

    @Override
    public Optional<Instant> expiryOf(String tokenId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT expires_at FROM revoked_tokens WHERE token_id = :id")
                .bind("id", tokenId).mapTo(OffsetDateTime.class).findOne().map(OffsetDateTime::toInstant));
    }

    @Override
    public Map<String, Instant> unexpired(Instant now) {
        Map<String, Instant> revoked = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT token_id, expires_at FROM revoked_tokens WHERE expires_at > :now")
                .bind("now", now)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .forEach(e -> revoked.put(e.getKey(), e.getValue())));
        return revoked;
    }

    @Override
    public void revokeSubject(String tenantId, String workspaceId, String subject, Instant at) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE revoked_subjects SET revoked_at = :at
                            WHERE tenant_id = :tid AND workspace_id = :aid AND subject = :sub""")
                    .bind("tid", tenantId).bind("aid", workspaceId).bind("sub", subject).bind("at", at).execute();
            if (updated == 0) {
                h.createUpdate("""
                                INSERT INTO revoked_subjects (tenant_id, workspace_id, subject, revoked_at)
                                VALUES (:tid, :aid, :sub, :at)""")
                        .bind("tid", tenantId).bind("aid", workspaceId).bind("sub", subject).bind("at", at).execute();
            }
        });
    }

    @Override
    public Optional<Instant> subjectRevokedAt(String tenantId, String workspaceId, String subject) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT revoked_at FROM revoked_subjects
                        WHERE tenant_id = :tid AND workspace_id = :aid AND subject = :sub""")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("sub", subject)
                .mapTo(OffsetDateTime.class).findOne().map(OffsetDateTime::toInstant));
    }
}
