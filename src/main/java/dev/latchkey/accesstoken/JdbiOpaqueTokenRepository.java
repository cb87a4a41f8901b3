package dev.latchkey.accesstoken;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** {@link OpaqueTokenRepository} over JDBI (table {@code opaque_tokens}). */
public final class JdbiOpaqueTokenRepository implements OpaqueTokenRepository {

    private final Jdbi jdbi;

    public JdbiOpaqueTokenRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(String tokenHash, OpaqueToken token) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO opaque_tokens (token_hash, tenant_id, workspace_id, doc, expires_at)
                        VALUES (:hash, :tid, :aid, :doc, :exp)""")
                .bind("hash", tokenHash).bind("tid", token.tenantId()).bind("aid", token.workspaceId())
                .bind("doc", Json.write(token)).bind("exp", token.expiresAt()).execute());
    }

    @Override
    public Optional<OpaqueToken> find(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT doc FROM opaque_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash).mapTo(String.class).findOne().map(doc -> Json.read(doc, OpaqueToken.class)));
    }

    @Override
    public boolean delete(String tokenHash) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM opaque_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash).execute()) > 0;
    }
}
