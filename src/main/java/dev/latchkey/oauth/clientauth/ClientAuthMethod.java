package dev.latchkey.oauth.clientauth;

import dev.latchkey.client.Client;
import dev.latchkey.oauth.WorkspaceContext;

/** One client authentication method of RFC 6749 §2.3 / OIDC Core §9, chosen by what the request carries. */
public interface ClientAuthMethod {

    /** The method's registered name ({@code client_secret_basic}, ...). */
    String name();

    /**
     * True when the request carries this method's own credentials. False always for the methods chosen by
     * the client's registration when the request has only a {@code client_id} ({@code tls_client_auth},
     * {@code self_signed_tls_client_auth}, {@code none}).
     */
    boolean presentIn(ClientCredentialsInput input);

    /** The authenticated client, or an {@code invalid_client} {@link dev.latchkey.oauth.OAuthException}. */
    Client authenticate(WorkspaceContext workspace, ClientCredentialsInput input);
}
