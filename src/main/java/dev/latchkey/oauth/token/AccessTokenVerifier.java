package dev.latchkey.oauth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.accesstoken.OpaqueToken;
import dev.latchkey.accesstoken.OpaqueTokenRepository;
import dev.latchkey.grant.TokenRevocations;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.WorkspaceContexts;
import dev.latchkey.support.CpuPool;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Verifies access tokens this server issued: the token names its workspace ({@code tid}, {@code aid}),
 * and is valid only if that workspace exists, its {@code iss} is the workspace's issuer, its signature
 * verifies with one of the workspace's keys that is not revoked, and it is within {@code nbf..exp}
 * (no clock skew is granted beyond one second of rounding), and it is not revoked (by its id, or with every
 * token of its subject). Uses cached key rings
 * and the revocation checks of {@link TokenRevocations}, answered from memory: no database I/O, even for a token
 * never seen before.
 */
public final class AccessTokenVerifier {

    /** The outcome of a verification. {@code token} is present only when {@code status} is VALID. */
    public record Result(Status status, Optional<VerifiedToken> token) {
    }

    public enum Status { VALID, EXPIRED, INVALID }

    /**
     * The claims of a verified access token that callers act on; {@code certificateThumbprint} is the
     * {@code cnf.x5t#S256} of a certificate-bound token (RFC 8705 §3), null for a bearer token.
     */
    public record VerifiedToken(String tenantId, String workspaceId, String subject, String clientId,
                                List<String> scopes, Instant expiresAt, String tokenId, List<String> audience,
                                Instant issuedAt, String certificateThumbprint) {
    }

    private static final Result INVALID = new Result(Status.INVALID, Optional.empty());
    private static final Result EXPIRED = new Result(Status.EXPIRED, Optional.empty());

    private final WorkspaceContexts workspaces;
    private final Clock clock;
    private final CpuPool cpu;
    private final OpaqueTokenRepository opaqueTokens;
    private final TokenRevocations revocations;

    public AccessTokenVerifier(WorkspaceContexts workspaces, Clock clock, CpuPool cpu,
                               OpaqueTokenRepository opaqueTokens, TokenRevocations revocations) {
        this.revocations = revocations;
        this.workspaces = workspaces;
        this.clock = clock;
        this.cpu = cpu;
        this.opaqueTokens = opaqueTokens;
    }

    public Result verify(String token) {
        if (token.indexOf('.') < 0) {
            return verifyOpaque(token);
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String tid = claims.getStringClaim("tid");
            String aid = claims.getStringClaim("aid");
            if (tid == null || aid == null) {
                return INVALID;
            }
            WorkspaceContext workspace = workspaces.find(tid, aid).orElse(null);
            if (workspace == null || !workspace.issuer().equals(claims.getIssuer())) {
                return INVALID;
            }
            JWSVerifier verifier = workspace.keys().verifier(jwt.getHeader().getKeyID()).orElse(null);
            if (verifier == null || !cpu.run(() -> verifies(jwt, verifier))) {
                return INVALID;
            }
            Instant now = clock.instant();
            Date exp = claims.getExpirationTime();
            Date nbf = claims.getNotBeforeTime();
            if (exp == null || !now.isBefore(exp.toInstant())) {
                return EXPIRED;
            }
            if (nbf != null && now.plusSeconds(1).isBefore(nbf.toInstant())) {
                return INVALID;
            }
            Date iat = claims.getIssueTime();
            if (claims.getJWTID() == null || revocations.isRevoked(claims.getJWTID())
                    || revocations.isRevoked(tid, aid, claims.getSubject(), iat == null ? null : iat.toInstant())) {
                return INVALID;
            }
            List<String> scopes = claims.getStringListClaim("scp");
            String clientId = claims.getAudience().isEmpty() ? null : claims.getAudience().get(0);
            return new Result(Status.VALID, Optional.of(new VerifiedToken(tid, aid, claims.getSubject(), clientId,
                    scopes == null ? List.of() : scopes, exp.toInstant(), claims.getJWTID(), claims.getAudience(),
                    iat == null ? null : iat.toInstant(), thumbprint(claims))));
        } catch (ParseException | RuntimeException e) {
            return INVALID;
        }
    }

    /** An opaque token is valid while it is stored, unexpired, and its workspace still exists. */
    private Result verifyOpaque(String token) {
        if (token.length() < 32 || token.length() > 128) {
            return INVALID;
        }
        String hash = OpaqueAccessTokens.hash(token);
        OpaqueToken stored = opaqueTokens.find(hash).orElse(null);
        if (stored == null || workspaces.find(stored.tenantId(), stored.workspaceId()).isEmpty()) {
            return INVALID;
        }
        if (!clock.instant().isBefore(stored.expiresAt())) {
            return EXPIRED;
        }
        if (revocations.isRevoked(hash) // revoked by its token id, the hash (e.g. a used initial access token)
                || revocations.isRevoked(stored.tenantId(), stored.workspaceId(), stored.subject(), stored.issuedAt())) {
            return INVALID;
        }
        return new Result(Status.VALID, Optional.of(new VerifiedToken(stored.tenantId(), stored.workspaceId(),
                stored.subject(), stored.clientId(), stored.scopes(), stored.expiresAt(), hash, stored.audience(),
                stored.issuedAt(), stored.certificateThumbprint())));
    }

    /** {@code cnf.x5t#S256}, or null (a bearer token). */
    private static String thumbprint(JWTClaimsSet claims) throws ParseException {
        var cnf = claims.getJSONObjectClaim("cnf");
        return cnf != null && cnf.get(JwtAccessTokens.CNF_THUMBPRINT) instanceof String thumbprint ? thumbprint : null;
    }

    private static boolean verifies(SignedJWT jwt, JWSVerifier verifier) {
        try {
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }
}
