package dev.latchkey.oauth.endpoint;

import dev.latchkey.audit.SecurityEvents;
import dev.latchkey.http.Responses;
import dev.latchkey.oauth.DiscoveryMetadata;
import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.clientauth.ClientAuthentication;
import dev.latchkey.oauth.introspection.Callers;
import dev.latchkey.oauth.introspection.TokenIntrospection;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/**
 * {@code POST /{tid}/{aid}/oauth2/introspect} (RFC 7662): authenticates the caller, reads {@code token} and
 * {@code token_type_hint}, answers the introspection with {@code Cache-Control: no-store}. No policy here
 * ({@link TokenIntrospection}). A caller that fails to authenticate is an audit event.
 */
public final class IntrospectionEndpoint {

    private final Callers callers;
    private final TokenIntrospection introspection;
    private final SecurityEvents events;

    public IntrospectionEndpoint(Callers callers, TokenIntrospection introspection, SecurityEvents events) {
        this.callers = callers;
        this.introspection = introspection;
        this.events = events;
    }

    public void handle(WorkspaceContext workspace, ServerRequest req, ServerResponse res) {
        FormParams params = FormBodies.required(req);
        var caller = AuditedClientAuth.authenticate(events, workspace, req, params, "/oauth2/introspect",
                callers::authenticate);
        String token = params.get("token")
                .orElseThrow(() -> OAuthException.invalidRequest("The token parameter is missing"));
        Responses.noStore(res, 200, introspection.introspect(workspace, caller, token,
                params.get("token_type_hint").orElse(null)));
    }

    /** {@code introspection_endpoint} and its client authentication methods (the token endpoint's). */
    public static DiscoveryMetadata metadata(List<String> implementedAuthMethods) {
        return (workspace, doc) -> {
            doc.put("introspection_endpoint", workspace.issuer() + "/oauth2/introspect");
            List<String> methods = DiscoveryMetadata.authMethods(workspace, implementedAuthMethods);
            doc.put("introspection_endpoint_auth_methods_supported", methods);
            doc.put("introspection_endpoint_auth_signing_alg_values_supported",
                    ClientAuthentication.signingAlgorithms(methods));
        };
    }
}
