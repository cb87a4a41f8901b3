package dev.latchkey.oauth.endpoint;

import dev.latchkey.audit.SecurityEvents;
import dev.latchkey.http.RequestOrigins;
import dev.latchkey.oauth.DiscoveryMetadata;
import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.clientauth.ClientAuthentication;
import dev.latchkey.oauth.introspection.Callers;
import dev.latchkey.oauth.introspection.TokenRevocation;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/**
 * {@code POST /{tid}/{aid}/oauth2/revoke} (RFC 7009): authenticates the caller, reads {@code token} and
 * {@code token_type_hint}, revokes ({@link TokenRevocation}) and answers 200 with an empty body whatever
 * the token was (§2.2). A missing {@code token} is 400 {@code invalid_request}. A failed caller
 * authentication and a revocation are audit events.
 */
public final class RevocationEndpoint {

    private final Callers callers;
    private final TokenRevocation revocation;
    private final SecurityEvents events;

    public RevocationEndpoint(Callers callers, TokenRevocation revocation, SecurityEvents events) {
        this.callers = callers;
        this.revocation = revocation;
        this.events = events;
    }

    public void handle(WorkspaceContext workspace, ServerRequest req, ServerResponse res) {
        FormParams params = FormBodies.required(req);
        var caller = AuditedClientAuth.authenticate(events, workspace, req, params, "/oauth2/revoke",
                callers::authenticate);
        String token = params.get("token")
                .orElseThrow(() -> OAuthException.invalidRequest("The token parameter is missing"));
        revocation.revoke(workspace, caller, token, params.get("token_type_hint").orElse(null),
                (type, client, subject) -> events.tokenRevoked(RequestOrigins.of(req), workspace.tenantId(),
                        workspace.workspaceId(), caller.clientId(), client, subject, type));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.status(Status.OK_200).send();
    }

    /** {@code revocation_endpoint} and its client authentication methods (the token endpoint's). */
    public static DiscoveryMetadata metadata(List<String> implementedAuthMethods) {
        return (workspace, doc) -> {
            doc.put("revocation_endpoint", workspace.issuer() + "/oauth2/revoke");
            List<String> methods = DiscoveryMetadata.authMethods(workspace, implementedAuthMethods);
            doc.put("revocation_endpoint_auth_methods_supported", methods);
            doc.put("revocation_endpoint_auth_signing_alg_values_supported",
                    ClientAuthentication.signingAlgorithms(methods));
        };
    }
}
