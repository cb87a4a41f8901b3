package dev.latchkey.oauth.token;

import dev.latchkey.accesstoken.OpaqueToken;
import dev.latchkey.accesstoken.OpaqueTokenRepository;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.SecureRandomness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Opaque access tokens ({@code access_token_strategy: opaque}): 256 random bits, meaningless to the
 * client; what they stand for is stored under the token's SHA-256 hash (a database leak reveals no
 * usable token). Unlike JWTs they cost one database write per token, the price of the strategy.
 */
public final class OpaqueAccessTokens implements AccessTokenIssuer {

    private final OpaqueTokenRepository repository;
    private final Clock clock;
    private final SecureRandomness randomness;

    public OpaqueAccessTokens(OpaqueTokenRepository repository, Clock clock, SecureRandomness randomness) {
        this.repository = repository;
        this.clock = clock;
        this.randomness = randomness;
    }

    @Override
    public String issue(WorkspaceContext workspace, AccessTokenClaims claims) {
        String token = randomness.secret(32);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        repository.insert(hash(token), new OpaqueToken(workspace.tenantId(), workspace.workspaceId(),
                claims.subject(), claims.clientId(), claims.audience(), claims.scopes(), now,
                now.plus(claims.ttl())));
        return token;
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
