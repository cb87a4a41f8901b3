package dev.latchkey.oauth.endpoint;

import dev.latchkey.audit.SecurityEvents;
import dev.latchkey.http.RequestOrigins;
import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.clientauth.ClientCredentialsInput;
import io.helidon.webserver.http.ServerRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Client authentication at an endpoint, with the audit event of a failure: whatever refuses the caller
 * (an {@link OAuthException}) is recorded as {@code client}/{@code failed} with the client id it claimed
 * (the form's {@code client_id}, else the user of HTTP Basic) and is then thrown on unchanged.
 */
final class AuditedClientAuth {

    /** The authentication itself (client authentication, or the callers of introspection and revocation). */
    @FunctionalInterface
    interface Method<T> {
        T authenticate(WorkspaceContext workspace, ClientCredentialsInput input);
    }

    private AuditedClientAuth() {
    }

    static <T> T authenticate(SecurityEvents events, WorkspaceContext workspace, ServerRequest req,
                              FormParams params, String endpointPath, Method<T> method) {
        ClientCredentialsInput input = ClientCredentialsRequest.of(req, params, endpointPath);
        try {
            return method.authenticate(workspace, input);
        } catch (OAuthException e) {
            events.clientAuthenticationFailed(RequestOrigins.of(req), workspace.tenantId(), workspace.workspaceId(),
                    claimedClientId(input), endpointPath, e.error().getCode(), e.error().getDescription());
            throw e;
        }
    }

    /** The client id a request claims, or null. */
    static String claimedClientId(ClientCredentialsInput input) {
        var formId = input.params().get("client_id");
        if (formId.isPresent()) {
            return formId.get();
        }
        String header = input.authorizationHeader();
        if (header == null || !input.hasBasicHeader()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.strip().substring(5).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
