package dev.latchkey.http.console;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.RateLimitRow;
import dev.latchkey.ratelimit.RateLimitPolicies;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/**
 * The tenant's rate limits: per API group, the limit in force (rate, burst, period) and whether it is a tenant
 * override or the global default, read from {@link RateLimitPolicies}, which the request filter applies (the root
 * API's {@code GET /api/admin/tenants/{tid}/rate-limits} shows the same two sources). Read-only: overrides are the
 * system operator's, set through the root API.
 */
public final class RateLimitPages {

    private final ConsoleAuth auth;
    private final ConsolePages pages;
    private final RateLimitPolicies policies;

    public RateLimitPages(ConsoleAuth auth, ConsolePages pages, RateLimitPolicies policies) {
        this.auth = auth;
        this.pages = pages;
        this.policies = policies;
    }

    /** GET /app/{tid}/admin/rate-limits */
    public void show(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            Chrome chrome = pages.chrome(caller, null, "rate-limits");
            Map<String, Object> params = WorkspacePages.params(chrome);
            params.put("rows", RateLimitRow.of(policies, tid));
            params.put("enabled", policies.enabled());
            pages.render(res, 200, "rate_limits", chrome.nonce(), params);
        });
    }
}
