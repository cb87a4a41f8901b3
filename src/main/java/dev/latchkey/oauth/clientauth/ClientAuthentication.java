package dev.latchkey.oauth.clientauth;

import dev.latchkey.client.ClientRepository;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;

import java.time.Clock;
import java.util.List;

/**
 * Client authentication for every endpoint that needs it (token, and later introspection, revocation,
 * PAR): picks the one method whose credentials the request carries, checks that the workspace allows
 * it ({@code token_endpoint_authn_methods}), and runs it. RFC 6749 §2.3: "The client MUST NOT use more
 * than one authentication method in each request."
 */
public final class ClientAuthentication {

    private final List<ClientAuthMethod> methods;

    public ClientAuthentication(ClientRepository clients, Clock clock) {
        ClientSecrets secrets = new ClientSecrets(clients, clock);
        this.methods = List.of(new ClientSecretBasic(secrets), new ClientSecretPost(secrets));
    }

    public Authenticated authenticate(WorkspaceContext workspace, ClientCredentialsInput input) {
        List<ClientAuthMethod> present = methods.stream().filter(m -> m.presentIn(input)).toList();
        if (present.size() > 1) {
            throw OAuthException.invalidRequest("The request uses more than one client authentication method");
        }
        if (present.isEmpty()) {
            throw OAuthException.invalidClient("Client authentication required", false);
        }
        ClientAuthMethod method = present.get(0);
        if (!workspace.workspace().allowsAuthMethod(method.name())) {
            throw OAuthException.invalidClient("The client authentication method " + method.name()
                    + " is not enabled for this workspace", input.hasBasicHeader());
        }
        return new Authenticated(method.authenticate(workspace, input), method.name());
    }

    /** The methods implemented, for discovery. */
    public List<String> supported() {
        return methods.stream().map(ClientAuthMethod::name).toList();
    }

    /** An authenticated client and the method it used. */
    public record Authenticated(dev.latchkey.client.Client client, String method) {
    }
}
