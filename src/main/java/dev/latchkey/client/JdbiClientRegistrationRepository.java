package dev.latchkey.client;

import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/** {@link ClientRegistrationRepository} over JDBI (table {@code client_registrations}). */
public final class JdbiClientRegistrationRepository implements ClientRegistrationRepository {

    private static final String COLUMNS = "tenant_id, workspace_id, client_id, token_hash, issued_at, expires_at";

    private final Jdbi jdbi;

    public JdbiClientRegistrationRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void save(ClientRegistration r) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM client_registrations WHERE tenant_id = :tid AND client_id = :cid")
                    .bind("tid", r.tenantId()).bind("cid", r.clientId()).execute();
            h.createUpdate("INSERT INTO client_registrations (" + COLUMNS
                            + ") VALUES (:tid, :aid, :cid, :hash, :issued, :expires)")
                    .bind("tid", r.tenantId()).bind("aid", r.workspaceId()).bind("cid", r.clientId())
                    .bind("hash", r.tokenHash()).bind("issued", r.issuedAt()).bind("expires", r.expiresAt())
                    .execute();
        });
    }

    @Override
    public Optional<ClientRegistration> findByTokenHash(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM client_registrations WHERE token_hash = :hash")
                .bind("hash", tokenHash).map((rs, ctx) -> row(rs)).findOne());
    }

    @Override
    public Optional<ClientRegistration> findForUpdate(String tenantId, String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM client_registrations WHERE tenant_id = :tid AND client_id = :cid FOR UPDATE")
                .bind("tid", tenantId).bind("cid", clientId).map((rs, ctx) -> row(rs)).findOne());
    }

    private static ClientRegistration row(ResultSet rs) throws SQLException {
        OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
        return new ClientRegistration(rs.getString("tenant_id"), rs.getString("workspace_id"),
                rs.getString("client_id"), rs.getString("token_hash"),
                rs.getObject("issued_at", OffsetDateTime.class).toInstant(),
                expires == null ? null : expires.toInstant());
    }
}
