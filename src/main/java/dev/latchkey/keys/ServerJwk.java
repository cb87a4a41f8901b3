package dev.latchkey.keys;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Cloudentity's {@code ServerJWK}: a workspace key's JWK parameters with its life-cycle times
 * ({@code created_at}, {@code promoted_at}, {@code rotated_at}, {@code revoked_at}, written as null when
 * unset, as in the seed's sample). Public parameters only: private ones ({@code d}, {@code p}, {@code q},
 * {@code dp}, {@code dq}, {@code qi}, {@code k}, {@code oth}) never leave the server (a deliberate
 * deviation, docs/api-compatibility.md), and are stripped here even if a stored public JWK held one.
 */
public record ServerJwk(Map<String, Object> parameters, Instant createdAt, Instant promotedAt, Instant rotatedAt,
                        Instant revokedAt) {

    private static final Set<String> PRIVATE = Set.of("d", "p", "q", "dp", "dq", "qi", "k", "oth");
    /** Cloudentity's member order (the seed's sample response). */
    private static final String[] ORDER = {"use", "kty", "kid", "crv", "alg", "x", "y", "n", "e"};

    public ServerJwk {
        parameters = publicParameters(parameters);
    }

    public static ServerJwk of(StoredKey key) {
        return new ServerJwk(key.publicJwk(), key.createdAt(), key.promotedAt(), key.rotatedAt(), key.revokedAt());
    }

    /** The bare public JWK of {@code key} (getKey's "raw" form: no life-cycle times). */
    public static Map<String, Object> rawJwk(StoredKey key) {
        return publicParameters(key.publicJwk());
    }

    public String kid() {
        return (String) parameters.get("kid");
    }

    @JsonValue
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>(parameters);
        json.put("created_at", createdAt);
        json.put("promoted_at", promotedAt);
        json.put("rotated_at", rotatedAt);
        json.put("revoked_at", revokedAt);
        return json;
    }

    private static Map<String, Object> publicParameters(Map<String, Object> jwk) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : ORDER) {
            if (jwk.get(name) != null) {
                ordered.put(name, jwk.get(name));
            }
        }
        jwk.forEach((name, value) -> {
            if (value != null && !PRIVATE.contains(name)) {
                ordered.putIfAbsent(name, value);
            }
        });
        return java.util.Collections.unmodifiableMap(ordered);
    }
}
