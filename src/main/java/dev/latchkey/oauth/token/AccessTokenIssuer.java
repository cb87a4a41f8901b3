package dev.latchkey.oauth.token;

import dev.latchkey.oauth.WorkspaceContext;

/** Mints access tokens in a workspace's format (JWT now; opaque tokens implement the same interface). */
public interface AccessTokenIssuer {

    String issue(WorkspaceContext workspace, AccessTokenClaims claims);
}
