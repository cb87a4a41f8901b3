package dev.latchkey.oauth.clientauth;

import dev.latchkey.client.Client;
import dev.latchkey.oauth.WorkspaceContext;

/**
 * {@code none} (RFC 6749 §2.1, OIDC Core §9): a public client sends its {@code client_id} and no credentials.
 * Only a client registered with {@code token_endpoint_auth_method} {@code none} is identified this way; it
 * proves nothing, so grants must not trust it as they trust a confidential client: the client credentials
 * grant refuses it, and the authorization code grant requires PKCE of it (RFC 7636, RFC 9700 §2.1.1); see
 * {@link ClientAuthentication.Authenticated#publicClient()}. Selected by the client's registration.
 */
final class NoClientAuth implements ClientAuthMethod {

    private final RegisteredClients clients;

    NoClientAuth(RegisteredClients clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return ClientAuthentication.NONE;
    }

    @Override
    public boolean presentIn(ClientCredentialsInput input) {
        return false; // a client_id alone: chosen by the client's registered method
    }

    @Override
    public Client authenticate(WorkspaceContext workspace, ClientCredentialsInput input) {
        return clients.require(workspace, input.params().get("client_id").orElse(null), name());
    }
}
