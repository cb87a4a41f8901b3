package dev.latchkey.oauth.introspection;

import dev.latchkey.grant.Grant;
import dev.latchkey.grant.GrantRepository;
import dev.latchkey.grant.RefreshToken;
import dev.latchkey.grant.RefreshTokenRepository;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.token.AccessTokenVerifier;
import dev.latchkey.support.TokenHashes;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds what a presented token is, among the tokens of one workspace that are active now: an access token
 * (through {@link AccessTokenVerifier}: signature, expiry, revocation; or the stored opaque token) or a
 * refresh token (stored by hash, unused, unexpired, and its grant active). A token of another workspace,
 * expired, revoked or unknown is not found. {@code token_type_hint} only decides which kind is tried first
 * (RFC 7662 §2.1, RFC 7009 §2.1: the server extends its search when the hint is wrong); an unknown hint is
 * ignored. A JWT access token is found without database I/O.
 */
public final class TokenLookup {

    public static final String ACCESS_TOKEN = "access_token";
    public static final String REFRESH_TOKEN = "refresh_token";

    private final AccessTokenVerifier verifier;
    private final RefreshTokenRepository refreshTokens;
    private final GrantRepository grants;
    private final Clock clock;

    public TokenLookup(AccessTokenVerifier verifier, RefreshTokenRepository refreshTokens, GrantRepository grants,
                       Clock clock) {
        this.verifier = verifier;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.clock = clock;
    }

    public Optional<PresentedToken> find(WorkspaceContext workspace, String token, String hint) {
        if (REFRESH_TOKEN.equals(hint)) {
            return refresh(workspace, token).or(() -> access(workspace, token).map(a -> a));
        }
        return access(workspace, token).<PresentedToken>map(a -> a).or(() -> refresh(workspace, token));
    }

    /** A valid access token of {@code workspace}. */
    public Optional<PresentedToken.Access> access(WorkspaceContext workspace, String token) {
        var result = verifier.verify(token);
        if (result.status() != AccessTokenVerifier.Status.VALID) {
            return Optional.empty();
        }
        var verified = result.token().orElseThrow();
        if (!workspace.tenantId().equals(verified.tenantId()) || !workspace.workspaceId().equals(verified.workspaceId())) {
            return Optional.empty();
        }
        return Optional.of(new PresentedToken.Access(verified, token.indexOf('.') >= 0));
    }

    private Optional<PresentedToken> refresh(WorkspaceContext workspace, String token) {
        if (token.length() > 512) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = TokenHashes.hash(token);
        RefreshToken stored = refreshTokens.findActive(hash, now).orElse(null);
        if (stored == null || !workspace.tenantId().equals(stored.tenantId())
                || !workspace.workspaceId().equals(stored.workspaceId())) {
            return Optional.empty();
        }
        Grant grant = grants.findActive(stored.grantId(), now).orElse(null);
        return grant == null ? Optional.empty() : Optional.of(new PresentedToken.Refresh(hash, stored, grant));
    }

    /** The active grant an access token was issued under (user tokens); empty for client credentials tokens. */
    public Optional<Grant> grantOf(PresentedToken.Access access) {
        return grants.findActiveByAccessToken(access.token().tokenId(), clock.instant());
    }
}
