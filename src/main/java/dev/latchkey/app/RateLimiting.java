package dev.latchkey.app;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.http.RateLimitFilter;
import dev.latchkey.http.api.RateLimitsResource;
import dev.latchkey.manage.RateLimitAdmin;
import dev.latchkey.ratelimit.JdbiRateLimitRepository;
import dev.latchkey.ratelimit.LocalRateLimiter;
import dev.latchkey.ratelimit.RateLimitPolicies;
import dev.latchkey.ratelimit.RateLimitSettings;

/** The rate-limiting parts: policies in force, the bucket store, the request filter. Wiring only. */
record RateLimiting(RateLimitPolicies policies, RateLimitFilter filter, RateLimitAdmin admin) {

    static RateLimiting build(Core core, String setting) {
        RateLimitSettings.Globals globals = RateLimitSettings.parse(setting);
        var repository = new JdbiRateLimitRepository(core.database().jdbi());
        var policies = new RateLimitPolicies(globals.limits(), globals.enabled(), repository, core.bus());
        return new RateLimiting(policies, new RateLimitFilter(policies, new LocalRateLimiter(core.clock())),
                new RateLimitAdmin(repository, core.tenants(), core.database(), core.audit(), core.bus()));
    }

    RateLimitsResource resource(ApiCallerAuth auth) {
        return new RateLimitsResource(auth, policies, admin);
    }
}
