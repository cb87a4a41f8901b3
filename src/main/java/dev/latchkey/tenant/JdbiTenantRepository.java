package dev.latchkey.tenant;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link TenantRepository} over JDBI: one row per tenant, its JSON document in {@code doc}. */
public final class JdbiTenantRepository implements TenantRepository {

    /**
     * Tables with a {@code tenant_id} column whose rows do not go with the tenant by a cascading foreign
     * key (checked against every migration up to V18): emptied explicitly when a tenant is deleted.
     */
    static final List<String> UNCASCADED = List.of("audit_events", "audit_segments", "rate_limits",
            "revoked_tokens");

    private final Jdbi jdbi;

    public JdbiTenantRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Tenant> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT doc FROM tenants WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne().map(doc -> Json.read(doc, Tenant.class)));
    }

    @Override
    public Optional<Tenant> lock(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT doc FROM tenants WHERE id = :id FOR UPDATE")
                .bind("id", id).mapTo(String.class).findOne().map(doc -> Json.read(doc, Tenant.class)));
    }

    @Override
    public List<Tenant> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT doc FROM tenants ORDER BY id")
                .mapTo(String.class).map(doc -> Json.read(doc, Tenant.class)).list());
    }

    @Override
    public void insert(Tenant tenant) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO tenants (id, doc, created_at, updated_at)
                        VALUES (:id, :doc, :at, :at)""")
                .bind("id", tenant.id()).bind("doc", Json.write(tenant)).bind("at", tenant.createdAt())
                .execute());
    }

    @Override
    public boolean update(Tenant tenant, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE tenants SET doc = :doc, updated_at = :at WHERE id = :id")
                .bind("id", tenant.id()).bind("doc", Json.write(tenant)).bind("at", now).execute()) == 1;
    }

    @Override
    public boolean delete(String id) {
        return jdbi.withHandle(h -> {
            for (String table : UNCASCADED) {
                h.createUpdate("DELETE FROM " + table + " WHERE tenant_id = :id").bind("id", id).execute();
            }
            return h.createUpdate("DELETE FROM tenants WHERE id = :id").bind("id", id).execute() == 1;
        });
    }
}
