package dev.latchkey.oauth.endpoint;

import dev.latchkey.http.Responses;
import dev.latchkey.oauth.DiscoveryMetadata;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.clientauth.ClientAuthentication;
import dev.latchkey.scope.Scope;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata of a workspace: {@code /.well-known/oauth-authorization-server} (RFC 8414) and
 * {@code /.well-known/openid-configuration} (OIDC Discovery 1.0). The document is assembled from the
 * {@link DiscoveryMetadata} of each feature (the composition root lists them: {@link #base()}, the token
 * endpoint's {@link #tokenEndpoint}, then one per further endpoint), so that a new feature advertises itself
 * in one place. Only what the server really does is advertised: grant types and client authentication
 * methods are the workspace's settings intersected with what is implemented.
 */
public final class DiscoveryEndpoint {

    private final List<DiscoveryMetadata> parts;

    public DiscoveryEndpoint(List<DiscoveryMetadata> parts) {
        this.parts = List.copyOf(parts);
    }

    public void handle(WorkspaceContext workspace, ServerRequest req, ServerResponse res) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (DiscoveryMetadata part : parts) {
            part.addTo(workspace, body);
        }
        Responses.json(res, 200, body);
    }

    /** The issuer, its keys, scopes and subject types. */
    public static DiscoveryMetadata base() {
        return (workspace, doc) -> {
            doc.put("issuer", workspace.issuer());
            doc.put("jwks_uri", workspace.issuer() + "/.well-known/jwks.json");
            doc.put("scopes_supported", workspace.scopes().values().stream().map(Scope::name).sorted().toList());
            doc.put("response_types_supported", List.of());
            doc.put("subject_types_supported", workspace.workspace().subjectIdentifierTypes());
            doc.put("access_token_signing_alg_values_supported",
                    List.of(workspace.keys().signingAlgorithm().getName()));
        };
    }

    /** The token endpoint: its URL, the grant types and client authentication methods implemented and enabled. */
    public static DiscoveryMetadata tokenEndpoint(List<String> implementedGrants, List<String> implementedAuthMethods) {
        return (workspace, doc) -> {
            doc.put("token_endpoint", workspace.issuer() + "/oauth2/token");
            doc.put("grant_types_supported", workspace.workspace().grantTypes().stream()
                    .filter(implementedGrants::contains).toList());
            List<String> methods = DiscoveryMetadata.authMethods(workspace, implementedAuthMethods);
            doc.put("token_endpoint_auth_methods_supported", methods);
            doc.put("token_endpoint_auth_signing_alg_values_supported", ClientAuthentication.signingAlgorithms(methods));
        };
    }
}
