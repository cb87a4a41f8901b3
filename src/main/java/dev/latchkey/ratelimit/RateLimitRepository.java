package dev.latchkey.ratelimit;

import java.util.Map;

/** Per-tenant rate-limit overrides, by module. */
public interface RateLimitRepository {

    /** Every override of every tenant: tenant id → (group → limit). */
    Map<String, Map<ApiGroup, RateLimit>> all();

    void put(String tenantId, ApiGroup group, RateLimit limit);

    /** Removes an override; false if there was none. */
    boolean delete(String tenantId, ApiGroup group);
}
