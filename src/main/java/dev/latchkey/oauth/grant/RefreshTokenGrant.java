package dev.latchkey.oauth.grant;

import dev.latchkey.client.Client;
import dev.latchkey.grant.Grant;
import dev.latchkey.grant.GrantRepository;
import dev.latchkey.grant.RefreshToken;
import dev.latchkey.grant.RefreshTokenRepository;
import dev.latchkey.grant.RefreshTokenRepository.Use;
import dev.latchkey.grant.TokenRevocations;
import dev.latchkey.oauth.GrantHandler;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.TokenRequest;
import dev.latchkey.oauth.TokenResponse;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.TokenHashes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

import static dev.latchkey.oauth.grant.UserTokens.invalidGrant;

/**
 * The refresh token grant (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2). Checks come
 * before the token is spent: a token of another client or workspace is {@code invalid_grant}, a
 * {@code scope} wider than the token's is {@code invalid_scope} (§6: it may narrow, never widen), and
 * neither costs the client its token. Then one atomic use rotates it: the winner gets a new refresh token
 * (with the original scopes), an access token for the requested scopes and, with {@code openid}, an ID
 * token (without {@code nonce}). A token presented again within {@link #REUSE_GRACE} of its first use is a
 * concurrent retry and only refused; later it is a replay, and the whole grant (every refresh and access
 * token of the family) is revoked. A revoked or expired grant refuses.
 */
public final class RefreshTokenGrant implements GrantHandler {

    /** How long after its rotation a refresh token's reuse counts as a client's concurrent retry. */
    static final Duration REUSE_GRACE = Duration.ofSeconds(2);

    private final RefreshTokenRepository refreshTokens;
    private final GrantRepository grants;
    private final TokenRevocations revocations;
    private final UserTokens tokens;
    private final Clock clock;

    public RefreshTokenGrant(RefreshTokenRepository refreshTokens, GrantRepository grants,
                             TokenRevocations revocations, UserTokens tokens, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.revocations = revocations;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return UserTokens.REFRESH_TOKEN;
    }

    @Override
    public TokenResponse handle(TokenRequest request) {
        String token = request.params().get("refresh_token")
                .orElseThrow(() -> OAuthException.invalidRequest("The refresh_token parameter is missing"));
        List<String> requested = requestedScopes(request.params().get("scope").orElse(""));
        String hash = TokenHashes.hash(token);
        Instant now = clock.instant();
        var active = refreshTokens.findActive(hash, now);
        if (active.isPresent()) {
            check(request, active.get(), requested); // before the token is spent
        }
        Use use = refreshTokens.use(hash, now);
        switch (use.status()) {
            case ROTATED -> { }
            case REUSED -> {
                RefreshToken used = use.token().orElseThrow();
                Instant usedAt = use.usedAt().orElse(Instant.MIN);
                if (!now.isBefore(usedAt.plus(REUSE_GRACE))) {
                    revocations.revokeGrant(used.tenantId(), used.workspaceId(), used.grantId(), now);
                }
                throw invalidGrant("The refresh token has already been used");
            }
            default -> throw invalidGrant("The refresh token is invalid or expired");
        }
        RefreshToken rotated = use.token().orElseThrow();
        check(request, rotated, requested);
        Client client = request.client();
        Grant grant = grants.findActive(rotated.grantId(), now)
                .filter(g -> g.clientId().equals(client.clientId()))
                .orElseThrow(() -> invalidGrant("The grant of the refresh token has been revoked or has expired"));
        List<String> scopes = requested.isEmpty() ? rotated.scopes() : requested;
        return tokens.issue(request.workspace(), client, grant, scopes, rotated.scopes(), null,
                request.certificateThumbprint());
    }

    private static void check(TokenRequest request, RefreshToken token, List<String> requested) {
        WorkspaceContext workspace = request.workspace();
        if (!token.tenantId().equals(workspace.tenantId()) || !token.workspaceId().equals(workspace.workspaceId())
                || !token.clientId().equals(request.client().clientId())) {
            throw invalidGrant("The refresh token was not issued to this client");
        }
        if (!token.scopes().containsAll(requested)) {
            throw OAuthException.invalidScope("The requested scope exceeds the scope granted by the resource owner");
        }
    }

    /** The distinct scopes of a {@code scope} parameter; none when absent or blank. */
    private static List<String> requestedScopes(String scope) {
        String trimmed = scope.trim();
        return trimmed.isEmpty() ? List.of() : List.copyOf(new LinkedHashSet<>(List.of(trimmed.split(" +"))));
    }
}
