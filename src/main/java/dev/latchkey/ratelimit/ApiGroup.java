package dev.latchkey.ratelimit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The API groups ("modules") that are rate limited separately, with the seed document's free-tier limits
 * as built-in defaults (rate per period, burst), plus the test-OTP endpoint's own limit ("OTP Rate
 * Limits": one request per minute, burst one).
 */
public enum ApiGroup {
    ADMIN("admin", 300, 50),
    DEVELOPER("developer", 600, 50),
    PUBLIC("public", 3000, 500),
    OAUTH2("oauth2", 3000, 500),
    OPENBANKING("openbanking", 600, 100),
    WEB("web", 3000, 1000),
    SYSTEM("system", 3000, 100),
    AUDIT_EVENTS("audit_events", 6000, 2000),
    IDENTITY_ADMIN("identity_admin", 300, 50),
    IDENTITY_SELF_SERVICE("identity_self_service", 300, 50),
    OTP("otp", 1, 1);

    private final String module;
    private final RateLimit defaults;

    ApiGroup(String module, long ratePerMinute, long burst) {
        this.module = module;
        this.defaults = new RateLimit(ratePerMinute, burst, Duration.ofMinutes(1));
    }

    /** The module name used in configuration and in the root API ({@code /rate-limits/{module}}). */
    public String module() {
        return module;
    }

    public RateLimit defaults() {
        return defaults;
    }

    public static Optional<ApiGroup> ofModule(String module) {
        return Arrays.stream(values()).filter(g -> g.module.equals(module)).findFirst();
    }
}
