package dev.latchkey.manage;

import dev.latchkey.ratelimit.ApiGroup;
import dev.latchkey.ratelimit.RateLimit;
import dev.latchkey.ratelimit.RateLimitRepository;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Transactions;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.GoDuration;
import dev.latchkey.tenant.TenantRepository;

import java.util.Map;

/**
 * Per-tenant rate-limit overrides (root API {@code setRateLimit} / {@code deleteRateLimit}). A change is
 * stored, audited, then published, so every node's {@link dev.latchkey.ratelimit.RateLimitPolicies}
 * reloads within the change bus's delay.
 */
public final class RateLimitAdmin {

    private final RateLimitRepository repository;
    private final TenantRepository tenants;
    private final Transactions tx;
    private final Audit audit;
    private final ChangeBus bus;

    public RateLimitAdmin(RateLimitRepository repository, TenantRepository tenants, Transactions tx, Audit audit,
                          ChangeBus bus) {
        this.repository = repository;
        this.tenants = tenants;
        this.tx = tx;
        this.audit = audit;
        this.bus = bus;
    }

    public void set(Actor actor, String tenantId, String module, Long rate, Long burst, String period) {
        ApiGroup group = group(module);
        requireTenant(tenantId);
        if (rate == null || burst == null || period == null) {
            throw ApiException.badRequest("rate, burst and period are required");
        }
        RateLimit limit;
        try {
            limit = new RateLimit(rate, burst, GoDuration.parse(period));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid rate limit: " + e.getMessage());
        }
        tx.run(() -> {
            repository.put(tenantId, group, limit);
            audit.record(actor, null, "updated", "rate_limit", tenantId + "/" + module,
                    Map.of("rate", rate, "burst", burst, "period", GoDuration.format(limit.period())));
        });
        bus.publish(new Change("ratelimit", tenantId, null, module));
    }

    public void delete(Actor actor, String tenantId, String module) {
        ApiGroup group = group(module);
        requireTenant(tenantId);
        boolean deleted = tx.inTransaction(() -> {
            boolean removed = repository.delete(tenantId, group);
            if (removed) {
                audit.record(actor, null, "deleted", "rate_limit", tenantId + "/" + module, Map.of());
            }
            return removed;
        });
        if (!deleted) {
            throw ApiException.notFound("No custom rate limit for module " + module);
        }
        bus.publish(new Change("ratelimit", tenantId, null, module));
    }

    private void requireTenant(String tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            throw ApiException.notFound("Tenant not found");
        }
    }

    private static ApiGroup group(String module) {
        return ApiGroup.ofModule(module).orElseThrow(() -> ApiException.badRequest("unknown rate limit module '"
                + (module.length() > 40 ? module.substring(0, 40) : module) + "'"));
    }
}
