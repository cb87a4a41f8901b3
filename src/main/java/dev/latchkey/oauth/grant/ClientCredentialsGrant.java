package dev.latchkey.oauth.grant;

import dev.latchkey.client.Client;
import dev.latchkey.oauth.GrantHandler;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.TokenRequest;
import dev.latchkey.oauth.TokenResponse;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.token.AccessTokenClaims;
import dev.latchkey.oauth.token.AccessTokenIssuer;
import dev.latchkey.scope.Scope;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The client credentials grant (RFC 6749 §4.4). The client is already authenticated (§4.4.2: "The client
 * MUST authenticate with the authorization server") and allowed this grant by the workspace and its own
 * settings ({@link dev.latchkey.oauth.TokenService}). Here: scopes. Requested scopes must all be scopes of
 * the workspace that the client may have, else {@code invalid_scope} (§5.2); none requested means all the
 * client's scopes (§3.3 lets the server apply a default). {@code sub} is the client id.
 */
public final class ClientCredentialsGrant implements GrantHandler {

    private final AccessTokenIssuer tokens;

    public ClientCredentialsGrant(AccessTokenIssuer tokens) {
        this.tokens = tokens;
    }

    @Override
    public String grantType() {
        return "client_credentials";
    }

    @Override
    public TokenResponse handle(TokenRequest request) {
        WorkspaceContext workspace = request.workspace();
        Client client = request.client();
        if ("none".equals(request.authMethod())) {
            // a public client proves nothing: it has no credentials to exchange (RFC 6749 §4.4)
            throw OAuthException.unauthorizedClient("A public client (token_endpoint_auth_method none) cannot use "
                    + "the client credentials grant");
        }
        List<Scope> granted = grantedScopes(workspace, client, request.params().get("scope").orElse(null));

        List<String> names = granted.stream().map(Scope::name).toList();
        Set<String> audience = new LinkedHashSet<>();
        audience.add(client.clientId());
        for (Scope scope : granted) {
            if (scope.serviceId() != null) {
                audience.add(workspace.audienceOf(scope.serviceId()));
            }
        }
        var ttl = workspace.workspace().accessTokenTtl();
        var claims = new AccessTokenClaims(client.clientId(), client.clientId(), List.copyOf(audience), names, "",
                List.of(), workspace.workspace().defaultSubjectType(), ttl, request.certificateThumbprint());
        String token = tokens.issue(workspace, claims).value();
        return TokenResponse.accessOnly(token, ttl.toSeconds(), String.join(" ", names));
    }

    private static List<Scope> grantedScopes(WorkspaceContext workspace, Client client, String requested) {
        List<Scope> granted = new ArrayList<>();
        if (requested == null) {
            for (String name : client.scopes()) {
                workspace.scope(name).ifPresent(granted::add);
            }
            return granted;
        }
        for (String name : new LinkedHashSet<>(List.of(requested.trim().split(" +")))) {
            Scope scope = workspace.scope(name).orElse(null);
            if (scope == null || !client.scopes().contains(name)) {
                throw OAuthException.invalidScope("The requested scope is invalid, unknown, or not allowed for "
                        + "this client");
            }
            granted.add(scope);
        }
        return granted;
    }
}
