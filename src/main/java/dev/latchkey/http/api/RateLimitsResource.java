package dev.latchkey.http.api;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.manage.RateLimitAdmin;
import dev.latchkey.ratelimit.ApiGroup;
import dev.latchkey.ratelimit.RateLimit;
import dev.latchkey.ratelimit.RateLimitPolicies;
import dev.latchkey.support.GoDuration;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;
import java.util.TreeMap;

/**
 * Root API rate limits (root.yaml {@code listRateLimits}, {@code setRateLimit}, {@code deleteRateLimit}),
 * called with a token of the {@code system} tenant's {@code system} or {@code admin} workspace.
 */
public final class RateLimitsResource implements ApiResource {

    /** Body of {@code setRateLimit} ({@code SetRateLimitRequest}). */
    record SetRateLimitRequest(Long rate, Long burst, String period) {
    }

    private final ApiCallerAuth auth;
    private final RateLimitPolicies policies;
    private final RateLimitAdmin admin;

    public RateLimitsResource(ApiCallerAuth auth, RateLimitPolicies policies, RateLimitAdmin admin) {
        this.auth = auth;
        this.policies = policies;
        this.admin = admin;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/admin/tenants/{tid}/rate-limits", this::list);
        routes.put("/api/admin/tenants/{tid}/rate-limits/{module}", this::set);
        routes.delete("/api/admin/tenants/{tid}/rate-limits/{module}", this::delete);
    }

    void list(ServerRequest req, ServerResponse res) {
        auth.root(req);
        String tid = req.path().pathParameters().get("tid");
        ETags.send(res, 200, Map.of("global", view(policies.globals()), "tenant", view(policies.overridesOf(tid))));
    }

    void set(ServerRequest req, ServerResponse res) {
        var token = auth.root(req);
        var params = req.path().pathParameters();
        SetRateLimitRequest body = JsonBody.read(req, SetRateLimitRequest.class);
        admin.set(ApiCallerAuth.actor(req, token), params.get("tid"), params.get("module"), body.rate(), body.burst(),
                body.period());
        res.status(204).send();
    }

    void delete(ServerRequest req, ServerResponse res) {
        var token = auth.root(req);
        var params = req.path().pathParameters();
        admin.delete(ApiCallerAuth.actor(req, token), params.get("tid"), params.get("module"));
        res.status(204).send();
    }

    private static Map<String, Object> view(Map<ApiGroup, RateLimit> limits) {
        Map<String, Object> out = new TreeMap<>();
        limits.forEach((group, limit) -> out.put(group.module(), Map.of("rate", limit.rate(), "burst", limit.burst(),
                "period", GoDuration.format(limit.period()))));
        return out;
    }
}
