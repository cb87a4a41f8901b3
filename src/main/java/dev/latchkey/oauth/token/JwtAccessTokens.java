package dev.latchkey.oauth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.keys.KeyRing;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.CpuPool;
import dev.latchkey.support.SecureRandomness;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

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
        Instant now = clock.instant();
        Date issuedAt = Date.from(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Instant expiresAt = issuedAt.toInstant().plus(claims.ttl());
        String jti = randomness.uuid();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .claim("aid", workspace.workspaceId())
                .claim("amr", claims.amr())
                .audience(claims.audience())
                .expirationTime(Date.from(expiresAt))
                .issueTime(issuedAt)
                .claim("idp", claims.idp())
                .issuer(workspace.issuer())
                .jwtID(jti)
                .notBeforeTime(issuedAt)
                .claim("scp", claims.scopes())
                .claim("st", claims.subjectType())
                .subject(claims.subject())
                .claim("tid", workspace.tenantId());
        if (claims.certificateThumbprint() != null) {
            builder.claim("cnf", java.util.Map.of(CNF_THUMBPRINT, claims.certificateThumbprint()));
        }
        JWTClaimsSet set = builder.build();
        KeyRing keys = workspace.keys();
        SignedJWT jwt = new SignedJWT(keys.signingHeader(), set);
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
}
