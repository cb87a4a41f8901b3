package dev.latchkey.oauth.clientauth;

import com.nimbusds.oauth2.sdk.ParseException;
import dev.latchkey.client.Client;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;

/**
 * {@code client_secret_basic} (RFC 6749 §2.3.1): HTTP Basic with the form-urlencoded client id and
 * secret. Parsing is Nimbus's {@link com.nimbusds.oauth2.sdk.auth.ClientSecretBasic}.
 */
final class ClientSecretBasic implements ClientAuthMethod {

    private final ClientSecrets secrets;

    ClientSecretBasic(ClientSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "client_secret_basic";
    }

    @Override
    public boolean presentIn(ClientCredentialsInput input) {
        return input.hasBasicHeader();
    }

    @Override
    public Client authenticate(WorkspaceContext workspace, ClientCredentialsInput input) {
        com.nimbusds.oauth2.sdk.auth.ClientSecretBasic basic;
        try {
            basic = com.nimbusds.oauth2.sdk.auth.ClientSecretBasic.parse(input.authorizationHeader());
        } catch (ParseException e) {
            throw OAuthException.invalidClient("Malformed HTTP Basic client credentials", true);
        }
        String formClientId = input.params().get("client_id").orElse(null);
        if (formClientId != null && !formClientId.equals(basic.getClientID().getValue())) {
            throw OAuthException.invalidRequest("client_id in the body does not match the Authorization header");
        }
        return secrets.verify(workspace, basic.getClientID().getValue(), basic.getClientSecret().getValue(), true);
    }
}
