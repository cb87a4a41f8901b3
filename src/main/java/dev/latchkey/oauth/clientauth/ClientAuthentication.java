package dev.latchkey.oauth.clientauth;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientAssertionJtiRepository;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.TrustedProxies;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Client authentication for every endpoint that needs it (token, and later introspection, revocation,
 * PAR). RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
 *
 * <p>A method with credentials of its own is recognised by them: HTTP Basic ({@code client_secret_basic}),
 * {@code client_secret} in the form ({@code client_secret_post}), a {@code client_assertion}
 * ({@code private_key_jwt} for an RSA or EC signature, else {@code client_secret_jwt}); two of them at once
 * are {@code invalid_request}. A request with only a {@code client_id} uses the method the client registered,
 * if that is one without such credentials: {@code tls_client_auth}, {@code self_signed_tls_client_auth}
 * (the certificate is the credential) or {@code none}. The method must be enabled for the workspace
 * ({@code token_endpoint_auth_methods}) and be the client's registered {@code token_endpoint_auth_method}
 * (RFC 7591 §2), except that {@code client_secret_basic} and {@code client_secret_post} stand for each
 * other, as at Cloudentity; every other method is strict.
 */
public final class ClientAuthentication {

    /** The method of public clients. */
    public static final String NONE = "none";

    private final List<ClientAuthMethod> withCredentials;
    private final List<ClientAuthMethod> byRegistration;
    private final RegisteredClients registered;
    private final CertificateBinding binding;

    public ClientAuthentication(ClientRepository clients, ClientAssertionJtiRepository assertionJtis,
                                TrustedProxies trustedProxies, Clock clock) {
        ClientSecrets secrets = new ClientSecrets(clients, clock);
        this.registered = new RegisteredClients(clients);
        ClientAssertions assertions = new ClientAssertions(registered, assertionJtis, clock);
        ClientJwks jwks = new ClientJwks(clock);
        ClientCertificates certificates = new ClientCertificates(trustedProxies, clock);
        this.binding = new CertificateBinding(certificates);
        this.withCredentials = List.of(new ClientSecretBasic(secrets), new ClientSecretPost(secrets),
                new ClientSecretJwt(assertions, clock), new PrivateKeyJwt(assertions, jwks));
        this.byRegistration = List.of(new TlsClientAuth(registered, certificates),
                new SelfSignedTlsClientAuth(registered, certificates, jwks), new NoClientAuth(registered));
    }

    public Authenticated authenticate(WorkspaceContext workspace, ClientCredentialsInput input) {
        ClientAuthMethod present = null;
        for (ClientAuthMethod candidate : withCredentials) { // a loop: this runs on every token request
            if (candidate.presentIn(input)) {
                if (present != null) {
                    throw OAuthException.invalidRequest("The request uses more than one client authentication method");
                }
                present = candidate;
            }
        }
        ClientAuthMethod method = present == null ? byRegistration(workspace, input) : present;
        if (!workspace.workspace().allowsAuthMethod(method.name())) {
            throw OAuthException.invalidClient("The client authentication method " + method.name()
                    + " is not enabled for this workspace", input.hasBasicHeader());
        }
        return new Authenticated(method.authenticate(workspace, input), method.name());
    }

    /** For a request with a client_id and no credentials: the method the client registered, if one of those. */
    private ClientAuthMethod byRegistration(WorkspaceContext workspace, ClientCredentialsInput input) {
        String clientId = input.params().get("client_id")
                .orElseThrow(() -> OAuthException.invalidClient("Client authentication required", false));
        Optional<String> registeredMethod = registered.find(workspace, clientId).map(Client::tokenEndpointAuthMethod);
        return byRegistration.stream().filter(m -> registeredMethod.filter(m.name()::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> OAuthException.invalidClient(ClientSecrets.FAILED, false));
    }

    /**
     * The JWS algorithms accepted for client assertions by the given methods, for discovery (RFC 8414 §2:
     * present whenever {@code client_secret_jwt} or {@code private_key_jwt} is advertised).
     */
    public static List<String> signingAlgorithms(List<String> methods) {
        List<String> algorithms = new java.util.ArrayList<>();
        if (methods.contains("client_secret_jwt")) {
            com.nimbusds.jose.JWSAlgorithm.Family.HMAC_SHA.forEach(a -> algorithms.add(a.getName()));
        }
        if (methods.contains("private_key_jwt")) {
            PrivateKeyJwt.ALGORITHMS.forEach(a -> algorithms.add(a.getName()));
        }
        return algorithms;
    }

    /** Certificate-bound access tokens, judged with the same client certificates as the RFC 8705 methods. */
    public CertificateBinding certificateBinding() {
        return binding;
    }

    /** The methods implemented, for discovery. */
    public List<String> supported() {
        return java.util.stream.Stream.concat(withCredentials.stream(), byRegistration.stream())
                .map(ClientAuthMethod::name).toList();
    }

    /**
     * An authenticated client and the method it used. A {@linkplain #publicClient() public client}
     * authenticated with nothing but its id: grants must require PKCE of it and never give it client
     * credentials.
     */
    public record Authenticated(Client client, String method) {

        public boolean publicClient() {
            return NONE.equals(method);
        }
    }
}
