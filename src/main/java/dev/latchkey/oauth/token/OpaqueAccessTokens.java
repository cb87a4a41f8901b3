package dev.latchkey.oauth.token;

import dev.latchkey.accesstoken.OpaqueToken;
import dev.latchkey.accesstoken.OpaqueTokenRepository;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.TokenHashes;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
    public IssuedAccessToken issue(WorkspaceContext workspace, AccessTokenClaims claims) {
        String token = randomness.secret(32);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String hash = hash(token);
        Instant expiresAt = now.plus(claims.ttl());
        repository.insert(hash, new OpaqueToken(workspace.tenantId(), workspace.workspaceId(),
                claims.subject(), claims.clientId(), claims.audience(), claims.scopes(), now, expiresAt,
                claims.certificateThumbprint()));
        return new IssuedAccessToken(token, hash, expiresAt);
    }

    static String hash(String token) {
        return TokenHashes.hash(token);
    }
}
