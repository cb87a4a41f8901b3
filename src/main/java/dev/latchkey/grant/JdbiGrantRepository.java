package dev.latchkey.grant;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link GrantRepository} over JDBI (tables {@code grants}, {@code grant_access_tokens}). */
public final class JdbiGrantRepository implements GrantRepository {

    private final Jdbi jdbi;

    public JdbiGrantRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(Grant grant) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO grants (grant_id, tenant_id, workspace_id, client_id, subject, doc, created_at,
                                            expires_at)
                        VALUES (:id, :tid, :aid, :client, :sub, :doc, :created, :exp)""")
                .bind("id", grant.grantId()).bind("tid", grant.tenantId()).bind("aid", grant.workspaceId())
                .bind("client", grant.clientId()).bind("sub", grant.subject()).bind("doc", Json.write(grant))
                .bind("created", grant.createdAt()).bind("exp", grant.expiresAt()).execute());
    }

    @Override
    public Optional<Grant> findActive(String grantId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT doc FROM grants WHERE grant_id = :id AND revoked_at IS NULL AND expires_at > :now""")
                .bind("id", grantId).bind("now", now).mapTo(String.class).findOne()
                .map(doc -> Json.read(doc, Grant.class)));
    }

    @Override
    public Optional<Grant> findActiveByAccessToken(String tokenId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT g.doc FROM grant_access_tokens t JOIN grants g ON g.grant_id = t.grant_id
                        WHERE t.token_id = :token AND g.revoked_at IS NULL AND g.expires_at > :now""")
                .bind("token", tokenId).bind("now", now).mapTo(String.class).findOne()
                .map(doc -> Json.read(doc, Grant.class)));
    }

    @Override
    public boolean confirmActive(String grantId, Instant now) {
        return jdbi.inTransaction(h -> h.createQuery("""
                        SELECT grant_id FROM grants WHERE grant_id = :id AND revoked_at IS NULL AND expires_at > :now
                        FOR UPDATE""")
                .bind("id", grantId).bind("now", now).mapTo(String.class).findOne().isPresent());
    }

    @Override
    public void recordAccessToken(String grantId, String tokenId, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO grant_access_tokens (token_id, grant_id, expires_at) VALUES (:token, :id, :exp)""")
                .bind("token", tokenId).bind("id", grantId).bind("exp", expiresAt).execute());
    }

    @Override
    public List<String> activeGrantIds(String tenantId, String workspaceId, String subject, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT grant_id FROM grants WHERE tenant_id = :tid AND workspace_id = :aid AND subject = :sub
                        AND revoked_at IS NULL AND expires_at > :now ORDER BY grant_id""")
                .bind("tid", tenantId).bind("aid", workspaceId).bind("sub", subject).bind("now", now)
                .mapTo(String.class).list());
    }

    @Override
    public List<String> revoke(String grantId, Instant now) {
        return jdbi.inTransaction(h -> {
            var owner = h.createQuery("SELECT tenant_id, workspace_id FROM grants WHERE grant_id = :id "
                            + "AND revoked_at IS NULL FOR UPDATE")
                    .bind("id", grantId).mapToMap().findOne().orElse(null);
            if (owner == null) {
                return List.<String>of();
            }
            h.createUpdate("UPDATE grants SET revoked_at = :now WHERE grant_id = :id")
                    .bind("now", now).bind("id", grantId).execute();
            h.createUpdate("DELETE FROM refresh_tokens WHERE grant_id = :id").bind("id", grantId).execute();
            h.createUpdate("DELETE FROM authorization_codes WHERE grant_id = :id AND redeemed_at IS NULL")
                    .bind("id", grantId).execute();
            return revokeAccessTokens(h, grantId, (String) owner.get("tenant_id"), (String) owner.get("workspace_id"),
                    now);
        });
    }

    private static List<String> revokeAccessTokens(Handle h, String grantId, String tenantId, String workspaceId,
                                                   Instant now) {
        var tokens = h.createQuery("SELECT token_id, expires_at FROM grant_access_tokens WHERE grant_id = :id "
                        + "AND expires_at > :now")
                .bind("id", grantId).bind("now", now)
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class)})
                .list();
        for (Object[] token : tokens) {
            String id = (String) token[0];
            h.createUpdate("DELETE FROM opaque_tokens WHERE token_hash = :id").bind("id", id).execute();
            h.createUpdate("""
                            INSERT INTO revoked_tokens (token_id, tenant_id, workspace_id, expires_at)
                            SELECT :id, :tid, :aid, :exp WHERE NOT EXISTS
                                (SELECT 1 FROM revoked_tokens WHERE token_id = :id)""")
                    .bind("id", id).bind("tid", tenantId).bind("aid", workspaceId)
                    .bind("exp", ((java.time.OffsetDateTime) token[1]).toInstant()).execute();
        }
        return tokens.stream().map(t -> (String) t[0]).toList();
    }
}
