package dev.latchkey.oauth.authorize;

import dev.latchkey.oauth.DiscoveryMetadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the discovery document says about the authorization endpoint (RFC 8414 §2, OIDC Discovery §3,
 * RFC 9207 §3): only what {@link AuthorizationRequestValidator} accepts. Advertised when the workspace
 * serves the authorization code grant.
 */
public final class AuthorizationMetadata {

    private AuthorizationMetadata() {
    }

    /**
     * The code flow's part of the discovery document, for workspaces that allow {@code authorization_code}:
     * the authorization and end-session endpoints, response types and modes, PKCE, RFC 9207, and the ID
     * token's signing algorithm (the workspace's key).
     */
    public static DiscoveryMetadata discovery() {
        return (workspace, doc) -> {
            if (workspace.workspace().allowsGrant("authorization_code")) {
                doc.putAll(of(workspace.issuer()));
                doc.put("id_token_signing_alg_values_supported",
                        List.of(workspace.keys().signingAlgorithm().getName()));
            }
        };
    }

    public static Map<String, Object> of(String issuer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("authorization_endpoint", issuer + "/oauth2/authorize");
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of(AuthorizationResponse.QUERY, AuthorizationResponse.FRAGMENT,
                AuthorizationResponse.FORM_POST));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("request_parameter_supported", false);
        m.put("request_uri_parameter_supported", false);
        m.put("claims_parameter_supported", false);
        m.put("end_session_endpoint", issuer + "/oidc/logout");
        return m;
    }
}
