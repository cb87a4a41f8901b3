package dev.latchkey.oauth.token;

import dev.latchkey.oauth.WorkspaceContext;

/** Mints access tokens in a workspace's format (JWT or opaque). */
public interface AccessTokenIssuer {

    IssuedAccessToken issue(WorkspaceContext workspace, AccessTokenClaims claims);
}
