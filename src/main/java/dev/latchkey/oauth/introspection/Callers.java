package dev.latchkey.oauth.introspection;

import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.clientauth.ClientAuthentication;
import dev.latchkey.oauth.clientauth.ClientCredentialsInput;

/**
 * Authenticates the caller of the introspection and revocation endpoints. Either the client authenticates
 * with any method of {@link ClientAuthentication} (the workspace's {@code token_endpoint_authn_methods}),
 * or, as Cloudentity allows, the request carries {@code Authorization: Bearer} with a valid access token of
 * the same workspace: the caller is then the token's client with the token's scopes. Client credentials in
 * the form beside a bearer token are two methods at once: 400 {@code invalid_request}.
 */
public final class Callers {

    private final ClientAuthentication clientAuthentication;
    private final TokenLookup lookup;

    public Callers(ClientAuthentication clientAuthentication, TokenLookup lookup) {
        this.clientAuthentication = clientAuthentication;
        this.lookup = lookup;
    }

    public Caller authenticate(WorkspaceContext workspace, String authorizationHeader, FormParams form) {
        return authenticate(workspace, new ClientCredentialsInput(authorizationHeader, form));
    }

    /** The same with everything the request carries (remote address, headers, the endpoint called). */
    public Caller authenticate(WorkspaceContext workspace, ClientCredentialsInput input) {
        String authorizationHeader = input.authorizationHeader();
        FormParams form = input.params();
        String header = authorizationHeader == null ? "" : authorizationHeader.strip();
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (form.has("client_secret") || input.hasClientAssertion()) {
                throw OAuthException.invalidRequest("The request uses more than one client authentication method");
            }
            var access = lookup.access(workspace, header.substring(7).strip()).orElseThrow(() ->
                    OAuthException.bearer(BearerTokenError.INVALID_TOKEN,
                            "The access token is invalid, expired or revoked"));
            return new Caller(access.token().clientId(), access.token().scopes());
        }
        var authenticated = clientAuthentication.authenticate(workspace, input);
        return new Caller(authenticated.client().clientId(), authenticated.client().scopes());
    }
}
