package dev.latchkey.oauth;

import dev.latchkey.client.Client;

/**
 * A token request after client authentication: the workspace it was sent to, the authenticated client,
 * the method it authenticated with, and the form. Immutable.
 */
public record TokenRequest(WorkspaceContext workspace, Client client, String authMethod, String grantType,
                           FormParams params) {
}
