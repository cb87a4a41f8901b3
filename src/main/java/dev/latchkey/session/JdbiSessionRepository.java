package dev.latchkey.session;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;

/** {@link SessionRepository} over JDBI (table {@code sso_sessions}). */
public final class JdbiSessionRepository implements SessionRepository {

    private final Jdbi jdbi;

    public JdbiSessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(String sessionHash, SsoSession session) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO sso_sessions (session_hash, tenant_id, workspace_id, doc, created_at, expires_at)
                        VALUES (:hash, :tid, :aid, :doc, :created, :exp)""")
                .bind("hash", sessionHash).bind("tid", session.tenantId()).bind("aid", session.workspaceId())
                .bind("doc", Json.write(session)).bind("created", session.createdAt())
                .bind("exp", session.expiresAt()).execute());
    }

    @Override
    public Optional<SsoSession> find(String sessionHash, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT doc FROM sso_sessions WHERE session_hash = :hash AND expires_at > :now")
                .bind("hash", sessionHash).bind("now", now).mapTo(String.class).findOne()
                .map(doc -> Json.read(doc, SsoSession.class)));
    }

    @Override
    public void delete(String sessionHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sso_sessions WHERE session_hash = :hash")
                .bind("hash", sessionHash).execute());
    }
}
