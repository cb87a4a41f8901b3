package dev.latchkey.oauth.clientauth;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;

import java.util.Optional;

/**
 * The clients that may authenticate at a workspace: its own, enabled, OAuth (not SAML) clients. A client
 * authenticates only with the method it registered ({@code token_endpoint_auth_method}, RFC 7591 §2), except
 * that the two shared-secret methods stand for each other (see {@link ClientSecrets}).
 */
final class RegisteredClients {

    private final ClientRepository clients;

    RegisteredClients(ClientRepository clients) {
        this.clients = clients;
    }

    /** The workspace's client with this id, enabled or not, whatever its method. */
    Optional<Client> find(WorkspaceContext workspace, String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.empty();
        }
        return workspace.client(clientId, clients);
    }

    /** The client, if it may authenticate with {@code method}; else {@code invalid_client}, always the same. */
    Client require(WorkspaceContext workspace, String clientId, String method) {
        return find(workspace, clientId)
                .filter(c -> !c.disabled() && "oauth2".equals(c.clientType()))
                .filter(c -> method.equals(c.tokenEndpointAuthMethod()))
                .orElseThrow(() -> OAuthException.invalidClient(ClientSecrets.FAILED, false));
    }
}
