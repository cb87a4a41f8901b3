package dev.latchkey.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.support.GoDuration;
import dev.latchkey.support.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads the operator's global limits ({@code --rate-limits}): {@code default} (the seed's free-tier
 * table), {@code off}, or the path of a JSON file that overrides modules of the default table:
 * {@code {"admin": {"rate": 600, "burst": 100, "period": "1m0s"}, ...}}.
 */
public final class RateLimitSettings {

    /** Global limits and whether limiting is on. */
    public record Globals(Map<ApiGroup, RateLimit> limits, boolean enabled) {
    }

    private RateLimitSettings() {
    }

    public static Globals parse(String setting) {
        if (setting == null || setting.isBlank() || setting.equals("default")) {
            return new Globals(RateLimitPolicies.builtInDefaults(), true);
        }
        if (setting.equals("off")) {
            return new Globals(Map.of(), false);
        }
        Map<ApiGroup, RateLimit> limits = RateLimitPolicies.builtInDefaults();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(Path.of(setting)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the rate limits file " + setting + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the rate limits file must hold a JSON object of modules");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ApiGroup group = ApiGroup.ofModule(entry.getKey()).orElseThrow(() ->
                    new IllegalArgumentException("unknown rate limit module '" + entry.getKey() + "'"));
            JsonNode v = entry.getValue();
            if (!v.path("rate").canConvertToLong() || !v.path("burst").canConvertToLong() || !v.path("period").isTextual()) {
                throw new IllegalArgumentException("module '" + entry.getKey() + "' needs rate, burst and period");
            }
            limits.put(group, new RateLimit(v.get("rate").asLong(), v.get("burst").asLong(),
                    GoDuration.parse(v.get("period").asText())));
        }
        return new Globals(limits, true);
    }
}
