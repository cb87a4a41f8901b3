package dev.latchkey.idempotency;

import dev.latchkey.store.Database;
import dev.latchkey.store.SecretBox;
import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdempotencyRepository} over JDBI (table {@code idempotent_requests}). The stored body is
 * encrypted with the {@link SecretBox}, bound to its row ({@code idempotent-response:tid/cid/keyhash}):
 * answers such as a new application's may hold generated secrets. Each call is its own statement
 * (autocommit), outside any business transaction. Thread-safe.
 */
public final class JdbiIdempotencyRepository implements IdempotencyRepository {

    private static final int RUNNING = 0;

    private final Jdbi jdbi;
    private final SecretBox box;

    public JdbiIdempotencyRepository(Jdbi jdbi, SecretBox box) {
        this.jdbi = jdbi;
        this.box = box;
    }

    @Override
    public boolean reserve(IdempotencyKey key, String requestHash, Instant createdAt, Instant expiresAt) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO idempotent_requests (tenant_id, client_id, key_hash, request_hash,
                                response_status, created_at, expires_at)
                            VALUES (:tid, :cid, :key, :request, :running, :created, :expires)""")
                    .bind("tid", key.tenantId()).bind("cid", key.clientId()).bind("key", key.keyHash())
                    .bind("request", requestHash).bind("running", RUNNING)
                    .bind("created", Timestamp.from(createdAt)).bind("expires", Timestamp.from(expiresAt))
                    .execute());
            return true;
        } catch (RuntimeException e) {
            if (Database.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<IdempotentRequest> find(IdempotencyKey key) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT request_hash, response_status, response_headers, response_body, expires_at
                        FROM idempotent_requests WHERE tenant_id = :tid AND client_id = :cid AND key_hash = :key""")
                .bind("tid", key.tenantId()).bind("cid", key.clientId()).bind("key", key.keyHash())
                .map((rs, ctx) -> request(key, rs)).findOne());
    }

    @Override
    public void complete(IdempotencyKey key, StoredResponse response) {
        String body = Base64.getEncoder().encodeToString(response.body());
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE idempotent_requests
                        SET response_status = :status, response_headers = :headers, response_body = :body
                        WHERE tenant_id = :tid AND client_id = :cid AND key_hash = :key""")
                .bind("status", response.status()).bind("headers", Json.write(response.headers()))
                .bind("body", box.encrypt(body, context(key)))
                .bind("tid", key.tenantId()).bind("cid", key.clientId()).bind("key", key.keyHash())
                .execute());
    }

    @Override
    public void release(IdempotencyKey key) {
        jdbi.useHandle(h -> h.createUpdate(
                        "DELETE FROM idempotent_requests WHERE tenant_id = :tid AND client_id = :cid AND key_hash = :key")
                .bind("tid", key.tenantId()).bind("cid", key.clientId()).bind("key", key.keyHash())
                .execute());
    }

    @Override
    public void releaseIfExpired(IdempotencyKey key, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        DELETE FROM idempotent_requests
                        WHERE tenant_id = :tid AND client_id = :cid AND key_hash = :key AND expires_at <= :now""")
                .bind("tid", key.tenantId()).bind("cid", key.clientId()).bind("key", key.keyHash())
                .bind("now", Timestamp.from(now)).execute());
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM idempotent_requests WHERE expires_at <= :now")
                .bind("now", Timestamp.from(now)).execute());
    }

    @SuppressWarnings("unchecked")
    private IdempotentRequest request(IdempotencyKey key, ResultSet rs) throws SQLException {
        Instant expiresAt = rs.getTimestamp("expires_at").toInstant();
        int status = rs.getInt("response_status");
        if (status == RUNNING) {
            return new IdempotentRequest(rs.getString("request_hash"), Optional.empty(), expiresAt);
        }
        Map<String, String> headers = Json.read(rs.getString("response_headers"), Map.class);
        byte[] body = Base64.getDecoder().decode(box.decrypt(rs.getString("response_body"), context(key)));
        return new IdempotentRequest(rs.getString("request_hash"),
                Optional.of(new StoredResponse(status, headers, body)), expiresAt);
    }

    private static String context(IdempotencyKey key) {
        return "idempotent-response:" + key.tenantId() + "/" + key.clientId() + "/" + key.keyHash();
    }
}
