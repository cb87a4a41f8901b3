package dev.latchkey.oauth.endpoint;

import dev.latchkey.audit.SecurityEvents;
import dev.latchkey.http.RequestOrigins;
import dev.latchkey.http.Responses;
import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.TokenRequest;
import dev.latchkey.oauth.TokenResponse;
import dev.latchkey.oauth.TokenService;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.clientauth.ClientAuthentication;
import dev.latchkey.oauth.clientauth.ClientCredentialsInput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /{tid}/{aid}/oauth2/token} (RFC 6749 §3.2): parses the form once, authenticates the client,
 * binds the access token to the client certificate when the client asks for it
 * ({@link dev.latchkey.oauth.clientauth.CertificateBinding}), hands the request to the grant registry and writes the response with {@code Cache-Control: no-store}
 * (§5.1). No policy here. Records the audit events of a failed client authentication and of tokens issued
 * (never the tokens).
 */
public final class TokenEndpoint {

    private final ClientAuthentication clientAuthentication;
    private final TokenService tokens;
    private final SecurityEvents events;

    public TokenEndpoint(ClientAuthentication clientAuthentication, TokenService tokens, SecurityEvents events) {
        this.clientAuthentication = clientAuthentication;
        this.tokens = tokens;
        this.events = events;
    }

    public void handle(WorkspaceContext workspace, ServerRequest req, ServerResponse res) {
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthException.invalidRequest("The request must be application/x-www-form-urlencoded");
        }
        FormParams params = FormParams.parse(FormBodies.text(req));
        String grantType = params.get("grant_type")
                .orElseThrow(() -> OAuthException.invalidRequest("The grant_type parameter is missing"));
        var authenticated = AuditedClientAuth.authenticate(events, workspace, req, params,
                ClientCredentialsInput.TOKEN_ENDPOINT, clientAuthentication::authenticate);
        String thumbprint = clientAuthentication.certificateBinding().bind(workspace, authenticated.client(),
                ClientCredentialsRequest.of(req, params, ClientCredentialsInput.TOKEN_ENDPOINT));
        TokenResponse response = tokens.token(new TokenRequest(workspace, authenticated.client(),
                authenticated.method(), grantType, params, thumbprint));
        String clientId = authenticated.client().clientId();
        if (events.enabled()) { // the origin (address, user agent) costs ~0.7 % of a token when nobody records it
            events.tokenIssued(RequestOrigins.of(req), workspace.tenantId(), workspace.workspaceId(), clientId,
                    response.subject() == null ? clientId : response.subject(), grantType, response.scope());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", response.accessToken());
        body.put("expires_in", response.expiresIn());
        if (response.scope() != null && !response.scope().isEmpty()) {
            body.put("scope", response.scope());
        }
        body.put("token_type", response.tokenType());
        if (response.refreshToken() != null) {
            body.put("refresh_token", response.refreshToken());
        }
        if (response.idToken() != null) {
            body.put("id_token", response.idToken());
        }
        Responses.noStore(res, 200, body);
    }
}
