package dev.latchkey.oauth.clientauth;

import dev.latchkey.client.Client;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;

/** {@code client_secret_post} (RFC 6749 §2.3.1): {@code client_id} and {@code client_secret} in the form. */
final class ClientSecretPost implements ClientAuthMethod {

    private final ClientSecrets secrets;

    ClientSecretPost(ClientSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "client_secret_post";
    }

    @Override
    public boolean presentIn(ClientCredentialsInput input) {
        return input.params().has("client_secret");
    }

    @Override
    public Client authenticate(WorkspaceContext workspace, ClientCredentialsInput input) {
        String clientId = input.params().get("client_id")
                .orElseThrow(() -> OAuthException.invalidClient(ClientSecrets.FAILED, false));
        return secrets.verify(workspace, clientId, input.params().get("client_secret").orElseThrow(), false);
    }
}
