package dev.latchkey.ratelimit;

import dev.latchkey.store.ChangeBus;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limits in force: global defaults per group (the seed's free-tier table unless the operator set
 * others at start, or none when limiting is off) and per-tenant overrides, held in memory. Overrides are
 * reloaded from the repository whenever a "ratelimit" change is published (by this node or, through the
 * change bus, any other). Thread-safe.
 */
public final class RateLimitPolicies {

    private final Map<ApiGroup, RateLimit> globals;
    private final boolean enabled;
    private final RateLimitRepository repository;
    private volatile Map<String, Map<ApiGroup, RateLimit>> overrides;

    public RateLimitPolicies(Map<ApiGroup, RateLimit> globals, boolean enabled, RateLimitRepository repository,
                             ChangeBus bus) {
        this.globals = Map.copyOf(globals);
        this.enabled = enabled;
        this.repository = repository;
        this.overrides = new ConcurrentHashMap<>(repository.all());
        bus.subscribe(change -> {
            // a deleted tenant's overrides went with it
            if ("ratelimit".equals(change.kind()) || "tenant".equals(change.kind()) || change.isEverything()) {
                overrides = new ConcurrentHashMap<>(repository.all());
            }
        });
    }

    /** The built-in defaults (the seed's free-tier table). */
    public static Map<ApiGroup, RateLimit> builtInDefaults() {
        Map<ApiGroup, RateLimit> defaults = new EnumMap<>(ApiGroup.class);
        for (ApiGroup group : ApiGroup.values()) {
            defaults.put(group, group.defaults());
        }
        return defaults;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The limit of {@code group} for {@code tenantId}, or empty when rate limiting is off. */
    public Optional<RateLimit> limitFor(String tenantId, ApiGroup group) {
        return Optional.ofNullable(limitOrNull(tenantId, group));
    }

    /** {@link #limitFor} without the wrapper (every request asks): null when rate limiting is off. */
    public RateLimit limitOrNull(String tenantId, ApiGroup group) {
        if (!enabled) {
            return null;
        }
        Map<ApiGroup, RateLimit> tenant = overrides.get(tenantId);
        RateLimit override = tenant == null ? null : tenant.get(group);
        return override != null ? override : globals.get(group);
    }

    /** The global limits in force, by group (empty when limiting is off). */
    public Map<ApiGroup, RateLimit> globals() {
        return enabled ? globals : Map.of();
    }

    /** The overrides of one tenant, by group. */
    public Map<ApiGroup, RateLimit> overridesOf(String tenantId) {
        return overrides.getOrDefault(tenantId, Map.of());
    }
}
