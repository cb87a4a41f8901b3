package dev.latchkey.tenant;

import dev.latchkey.support.Json;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** {@link TenantRepository} over JDBI: one row per tenant, its JSON document in {@code doc}. */
public final class JdbiTenantRepository implements TenantRepository {

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
    public void insert(Tenant tenant) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO tenants (id, doc, created_at, updated_at)
                        VALUES (:id, :doc, :at, :at)""")
                .bind("id", tenant.id()).bind("doc", Json.write(tenant)).bind("at", tenant.createdAt())
                .execute());
    }
}
