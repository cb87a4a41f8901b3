package dev.latchkey.client;

import dev.latchkey.store.Database;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;

/** {@link ClientAssertionJtiRepository} over JDBI (table {@code client_assertion_jtis}). */
public final class JdbiClientAssertionJtiRepository implements ClientAssertionJtiRepository {

    private final Jdbi jdbi;

    public JdbiClientAssertionJtiRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean firstUse(String tenantId, String workspaceId, String clientId, String jtiHash,
                            Instant expiresAt, Instant now) {
        // expired jtis go first (every client's: the table holds at most the last hour's assertions); a jti
        // may be used again once its assertion has expired
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM client_assertion_jtis WHERE expires_at <= :now")
                .bind("now", now).execute());
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO client_assertion_jtis (tenant_id, workspace_id, client_id, jti_hash, expires_at)
                            VALUES (:tenant, :workspace, :client, :jti, :exp)""")
                    .bind("tenant", tenantId).bind("workspace", workspaceId).bind("client", clientId)
                    .bind("jti", jtiHash).bind("exp", expiresAt).execute());
            return true;
        } catch (RuntimeException e) {
            if (Database.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }
}
