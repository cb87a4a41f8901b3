package dev.latchkey.oauth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import dev.latchkey.keys.KeyRing;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.CpuPool;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * ID tokens (OIDC Core §2, §3.1.3.6): {@code iss} (the workspace's issuer), {@code sub} (the subject the
 * client sees), {@code aud} (the client id), {@code exp} ({@code id_token_ttl}), {@code iat},
 * {@code auth_time}, {@code nonce} (when the authorization request had one), {@code acr}, {@code amr},
 * {@code azp}, {@code at_hash} (left half of the hash of the access token, by the hash of the signing
 * algorithm), {@code sid}, then the user's claims that the granted scopes release. Registered claims are
 * never overridden by user claims. Header {@code alg}, {@code kid}, {@code typ: JWT}; signed with the
 * workspace's current key on the CPU pool. Thread-safe.
 */
public final class IdTokens {

    /** What one ID token says; {@code nonce}, {@code acr}, {@code sessionId} may be null. */
    public record Claims(String subject, String clientId, Instant authTime, String nonce, String acr,
                         List<String> amr, String sessionId, String accessToken, Map<String, Object> userClaims) {

        public Claims {
            amr = amr == null ? List.of() : List.copyOf(amr);
            userClaims = userClaims == null ? Map.of() : userClaims;
        }
    }

    private final Clock clock;
    private final CpuPool cpu;

    public IdTokens(Clock clock, CpuPool cpu) {
        this.clock = clock;
        this.cpu = cpu;
    }

    public String issue(WorkspaceContext workspace, Claims claims) {
        KeyRing keys = workspace.keys();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(workspace.issuer())
                .subject(claims.subject())
                .audience(claims.clientId())
                .expirationTime(Date.from(now.plus(workspace.workspace().idTokenTtl())))
                .issueTime(Date.from(now));
        if (claims.authTime() != null) {
            set.claim("auth_time", claims.authTime().getEpochSecond());
        }
        optional(set, "nonce", claims.nonce());
        optional(set, "acr", claims.acr());
        if (!claims.amr().isEmpty()) {
            set.claim("amr", claims.amr());
        }
        set.claim("azp", claims.clientId());
        if (claims.accessToken() != null) {
            set.claim("at_hash", AccessTokenHash.compute(new BearerAccessToken(claims.accessToken()),
                    keys.signingAlgorithm()).getValue());
        }
        optional(set, "sid", claims.sessionId());
        JWTClaimsSet registered = set.build();
        for (Map.Entry<String, Object> claim : claims.userClaims().entrySet()) {
            if (registered.getClaim(claim.getKey()) == null) {
                set.claim(claim.getKey(), claim.getValue());
            }
        }
        SignedJWT jwt = new SignedJWT(keys.signingHeader(), set.build());
        return cpu.run(() -> {
            try {
                jwt.sign(keys.signer());
            } catch (JOSEException e) {
                throw new IllegalStateException("signing failed", e);
            }
            return jwt.serialize();
        });
    }

    private static void optional(JWTClaimsSet.Builder set, String name, String value) {
        if (value != null && !value.isBlank()) {
            set.claim(name, value);
        }
    }
}
