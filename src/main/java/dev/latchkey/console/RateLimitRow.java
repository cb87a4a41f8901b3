package dev.latchkey.console;

import dev.latchkey.ratelimit.ApiGroup;
import dev.latchkey.ratelimit.RateLimit;
import dev.latchkey.ratelimit.RateLimitPolicies;
import dev.latchkey.support.GoDuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of the console's rate-limit page: an API group's limit in force for the tenant (null when rate
 * limiting is off), and whether it is the tenant's override or the global default. Read from
 * {@link RateLimitPolicies}, the same object the request filter asks.
 */
public record RateLimitRow(String module, RateLimit limit, boolean override) {

    /** Every API group's row for {@code tenantId}, in the groups' order. */
    public static List<RateLimitRow> of(RateLimitPolicies policies, String tenantId) {
        Map<ApiGroup, RateLimit> overrides = policies.overridesOf(tenantId);
        List<RateLimitRow> rows = new ArrayList<>();
        for (ApiGroup group : ApiGroup.values()) {
            rows.add(new RateLimitRow(group.module(), policies.limitFor(tenantId, group).orElse(null),
                    overrides.containsKey(group)));
        }
        return rows;
    }

    /** The period as the root API writes it ({@code 1m0s}). */
    public String period() {
        return limit == null ? "" : GoDuration.format(limit.period());
    }
}
