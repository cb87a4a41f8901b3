package dev.latchkey.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored tenants. */
public interface TenantRepository {

    Optional<Tenant> find(String id);

    /** Like {@link #find}, and locks the row until the surrounding transaction ends. */
    Optional<Tenant> lock(String id);

    /** Every tenant, by id. */
    List<Tenant> list();

    void insert(Tenant tenant);

    /** Replaces the stored document of {@code tenant}; false when there is no such tenant. */
    boolean update(Tenant tenant, Instant now);

    /**
     * Deletes the tenant and every row that belongs to it: what references the tenant or its workspaces
     * goes by cascading foreign keys; the tables keyed by tenant id without such a key (audit events, rate
     * limit overrides, revoked tokens) are emptied of its rows explicitly. Call inside a transaction.
     *
     * @return false when there was no such tenant
     */
    boolean delete(String id);
}
