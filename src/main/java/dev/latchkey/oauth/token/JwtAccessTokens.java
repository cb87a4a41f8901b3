package dev.latchkey.oauth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import dev.latchkey.keys.KeyRing;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.CpuPool;
import dev.latchkey.support.Json;
import dev.latchkey.support.SecureRandomness;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JWT access tokens with Cloudentity's claims and header (design §3): header {@code alg}, {@code kid},
 * {@code typ: JWT}; claims {@code aid, amr, aud, exp, iat, idp, iss, jti, nbf, scp, st, sub, tid}, and
 * {@code cnf} for a token bound to a client certificate.
 * Signed once with the workspace's current key, on the CPU pool. Not stored (revocation stores the
 * {@code jti}). Thread-safe.
 */
public final class JwtAccessTokens implements AccessTokenIssuer {

    /** The member of {@code cnf} holding a certificate's SHA-256 thumbprint (RFC 8705 §3.1). */
    public static final String CNF_THUMBPRINT = "x5t#S256";

    private final Clock clock;
    private final SecureRandomness randomness;
    private final CpuPool cpu;

    public JwtAccessTokens(Clock clock, SecureRandomness randomness, CpuPool cpu) {
        this.clock = clock;
        this.randomness = randomness;
        this.cpu = cpu;
    }

    @Override
    public IssuedAccessToken issue(WorkspaceContext workspace, AccessTokenClaims claims) {
        long issuedAt = clock.instant().getEpochSecond();
        Instant expiresAt = Instant.ofEpochSecond(issuedAt).plus(claims.ttl());
        String jti = randomness.uuid();
        Payload payload = new Payload(Json.bytes(claims(workspace.tenantId(), workspace.workspaceId(),
                workspace.issuer(), claims, issuedAt, expiresAt.getEpochSecond(), jti)));
        KeyRing keys = workspace.keys();
        JWSObject jwt = new JWSObject(keys.signingHeader(), payload);
        String value = cpu.run(() -> {
            try {
                jwt.sign(keys.signer());
            } catch (JOSEException e) {
                throw new IllegalStateException("signing failed", e);
            }
            return jwt.serialize();
        });
        return new IssuedAccessToken(value, jti, expiresAt);
    }

    /**
     * The claims as a JSON object, written by Jackson (Nimbus' {@code JWTClaimsSet} builds three maps and writes
     * them with Gson: ~20 % of a token request's allocation). As {@code JWTClaimsSet} writes them: times in
     * seconds, a single audience as a string, several as an array, none and null claims left out.
     */
    static Map<String, Object> claims(String tenantId, String workspaceId, String issuer, AccessTokenClaims claims,
                                      long issuedAt, long expiresAt, String jti) {
        Map<String, Object> json = new LinkedHashMap<>(32);
        json.put("aid", workspaceId);
        putIfPresent(json, "amr", claims.amr());
        List<String> audience = claims.audience();
        if (audience != null && !audience.isEmpty()) {
            json.put("aud", audience.size() == 1 ? audience.get(0) : audience);
        }
        json.put("exp", expiresAt);
        json.put("iat", issuedAt);
        putIfPresent(json, "idp", claims.idp());
        putIfPresent(json, "iss", issuer);
        json.put("jti", jti);
        json.put("nbf", issuedAt);
        putIfPresent(json, "scp", claims.scopes());
        putIfPresent(json, "st", claims.subjectType());
        putIfPresent(json, "sub", claims.subject());
        putIfPresent(json, "tid", tenantId);
        if (claims.certificateThumbprint() != null) {
            json.put("cnf", Map.of(CNF_THUMBPRINT, claims.certificateThumbprint()));
        }
        return json;
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
