package dev.latchkey.session;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** {@link AuthorizationRequestRepository} over JDBI (table {@code authorization_requests}). */
public final class JdbiAuthorizationRequestRepository implements AuthorizationRequestRepository {

    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    private final Jdbi jdbi;

    public JdbiAuthorizationRequestRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(String requestId, String tenantId, String workspaceId, Map<String, String> params,
                       Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO authorization_requests (request_id, tenant_id, workspace_id, doc, expires_at)
                        VALUES (:id, :tid, :aid, :doc, :exp)""")
                .bind("id", requestId).bind("tid", tenantId).bind("aid", workspaceId)
                .bind("doc", Json.write(params)).bind("exp", expiresAt).execute());
    }

    @Override
    public Optional<Map<String, String>> find(String requestId, String tenantId, String workspaceId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT doc FROM authorization_requests
                        WHERE request_id = :id AND tenant_id = :tid AND workspace_id = :aid AND expires_at > :now""")
                .bind("id", requestId).bind("tid", tenantId).bind("aid", workspaceId).bind("now", now)
                .mapTo(String.class).findOne().map(doc -> Json.read(doc, PARAMS)));
    }

    @Override
    public void delete(String requestId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM authorization_requests WHERE request_id = :id")
                .bind("id", requestId).execute());
    }
}
