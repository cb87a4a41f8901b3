package dev.latchkey.tenant;

import java.util.Optional;

/** Stored tenants. */
public interface TenantRepository {

    Optional<Tenant> find(String id);

    void insert(Tenant tenant);
}
