package dev.latchkey.oauth.clientauth;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.Secrets;

import java.util.Set;

/**
 * The check shared by the two shared-secret methods: the client exists in this workspace, is enabled,
 * is registered for a secret-based method, and the secret matches (constant-time). Every failure gives
 * the same {@code invalid_client} description, so a caller cannot tell an unknown client from a wrong
 * secret.
 */
final class ClientSecrets {

    /** Clients registered for either secret method accept both (Cloudentity accepts post for basic clients). */
    private static final Set<String> SECRET_METHODS = Set.of("client_secret_basic", "client_secret_post");
    static final String FAILED = "Client authentication failed";

    private final ClientRepository clients;

    ClientSecrets(ClientRepository clients) {
        this.clients = clients;
    }

    Client verify(WorkspaceContext workspace, String clientId, String secret, boolean basic) {
        Client client = clients.find(workspace.tenantId(), clientId)
                .filter(c -> c.authorizationServerId().equals(workspace.workspaceId()))
                .orElse(null);
        String expected = client == null || client.clientSecret() == null ? "" : client.clientSecret();
        boolean matches = Secrets.equal(expected, secret);
        if (client == null || expected.isEmpty() || !matches || client.disabled()
                || !SECRET_METHODS.contains(client.tokenEndpointAuthMethod())) {
            throw OAuthException.invalidClient(FAILED, basic);
        }
        return client;
    }
}
