package dev.latchkey.oauth.endpoint;

import dev.latchkey.http.Responses;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.scope.Scope;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata of a workspace: {@code /.well-known/oauth-authorization-server} (RFC 8414) and
 * {@code /.well-known/openid-configuration} (OIDC Discovery 1.0). Only what the server really does is
 * advertised: grant types and client authentication methods are the workspace's settings intersected
 * with what is implemented.
 */
public final class DiscoveryEndpoint {

    private final List<String> implementedGrants;
    private final List<String> implementedAuthMethods;

    public DiscoveryEndpoint(List<String> implementedGrants, List<String> implementedAuthMethods) {
        this.implementedGrants = implementedGrants;
        this.implementedAuthMethods = implementedAuthMethods;
    }

    public void handle(WorkspaceContext workspace, ServerRequest req, ServerResponse res) {
        var settings = workspace.workspace();
        String issuer = workspace.issuer();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        body.put("token_endpoint", issuer + "/oauth2/token");
        body.put("jwks_uri", issuer + "/.well-known/jwks.json");
        body.put("grant_types_supported", settings.grantTypes().stream().filter(implementedGrants::contains).toList());
        body.put("token_endpoint_auth_methods_supported",
                settings.tokenEndpointAuthnMethods().stream().filter(implementedAuthMethods::contains).toList());
        body.put("scopes_supported", workspace.scopes().values().stream().map(Scope::name).sorted().toList());
        body.put("response_types_supported", List.of());
        if (body.get("grant_types_supported") instanceof List<?> g && g.contains("authorization_code")) {
            body.putAll(dev.latchkey.oauth.authorize.AuthorizationMetadata.of(issuer)); // the code flow's metadata
        }
        body.put("subject_types_supported", settings.subjectIdentifierTypes());
        body.put("token_endpoint_auth_signing_alg_values_supported", List.of());
        body.put("access_token_signing_alg_values_supported", List.of(workspace.keys().signingAlgorithm().getName()));
        Responses.json(res, 200, body);
    }
}
