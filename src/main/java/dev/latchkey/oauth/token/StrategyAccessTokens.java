package dev.latchkey.oauth.token;

import dev.latchkey.oauth.WorkspaceContext;

/** Issues each workspace's access tokens in its {@code access_token_strategy}: {@code jwt} or {@code opaque}. */
public final class StrategyAccessTokens implements AccessTokenIssuer {

    private final AccessTokenIssuer jwt;
    private final AccessTokenIssuer opaque;

    public StrategyAccessTokens(AccessTokenIssuer jwt, AccessTokenIssuer opaque) {
        this.jwt = jwt;
        this.opaque = opaque;
    }

    @Override
    public IssuedAccessToken issue(WorkspaceContext workspace, AccessTokenClaims claims) {
        return "opaque".equals(workspace.workspace().accessTokenStrategy()) ? opaque.issue(workspace, claims)
                : jwt.issue(workspace, claims);
    }
}
