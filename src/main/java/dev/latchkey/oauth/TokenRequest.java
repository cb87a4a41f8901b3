package dev.latchkey.oauth;

import dev.latchkey.client.Client;

/**
 * A token request after client authentication: the workspace it was sent to, the authenticated client,
 * the method it authenticated with, the form, and the SHA-256 thumbprint of the client certificate that the
 * access token is to be bound to (RFC 8705 §3; null: a bearer token). Immutable.
 */
public record TokenRequest(WorkspaceContext workspace, Client client, String authMethod, String grantType,
                           FormParams params, String certificateThumbprint) {

    /** A request for a bearer (unbound) token. */
    public TokenRequest(WorkspaceContext workspace, Client client, String authMethod, String grantType,
                        FormParams params) {
        this(workspace, client, authMethod, grantType, params, null);
    }
}
