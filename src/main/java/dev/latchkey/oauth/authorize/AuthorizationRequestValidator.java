package dev.latchkey.oauth.authorize;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.workspace.Workspace;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates an authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636, RFC 9700) in the
 * order of RFC 6749 §4.1.2.1: first the client and the redirect URI, whose failures are shown on an error
 * page and never redirected (no open redirect); then everything else, whose failures are redirected to
 * the client with {@code state} and {@code iss}.
 *
 * <p>Decisions: only {@code response_type=code}; PKCE only with {@code S256} ({@code plain} is always
 * refused, RFC 9700 §2.1.1: there is no setting that allows it); PKCE required when the workspace has
 * {@code enforce_pkce}, or {@code enforce_pkce_for_public_clients} and the client is public
 * ({@code token_endpoint_auth_method} {@code none}); no {@code scope} grants no scope; {@code request} and
 * {@code request_uri} are not supported.
 */
public final class AuthorizationRequestValidator {

    static final Set<String> RESPONSE_MODES =
            Set.of(AuthorizationResponse.QUERY, AuthorizationResponse.FRAGMENT, AuthorizationResponse.FORM_POST);
    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

    private final ClientRepository clients;

    public AuthorizationRequestValidator(ClientRepository clients) {
        this.clients = clients;
    }

    public AuthorizationRequest validate(WorkspaceContext ws, Map<String, String> params) {
        String clientId = params.get("client_id");
        if (clientId == null) {
            throw AuthorizationError.page("The request has no client_id.");
        }
        Client client = clients.find(ws.tenantId(), clientId)
                .filter(c -> c.authorizationServerId().equals(ws.workspaceId()) && !c.disabled())
                .orElseThrow(() -> AuthorizationError.page("The client is unknown or disabled."));
        String redirectParam = params.get("redirect_uri");
        String redirectUri = RedirectUris.resolve(client.redirectUris(), redirectParam)
                .orElseThrow(() -> AuthorizationError.page(redirectParam == null
                        ? "The request has no redirect_uri and the client has several or none registered."
                        : "The redirect_uri is not registered for this client."));

        String state = params.get("state");
        String mode = params.getOrDefault("response_mode", AuthorizationResponse.QUERY);
        Refusal refuse = new Refusal(redirectUri, RESPONSE_MODES.contains(mode) ? mode : AuthorizationResponse.QUERY,
                state, ws.issuer());
        if (!RESPONSE_MODES.contains(mode)) {
            throw refuse.with("invalid_request", "The response_mode is not supported.");
        }
        if (params.containsKey("request")) {
            throw refuse.with("request_not_supported", "Request objects are not supported.");
        }
        if (params.containsKey("request_uri")) {
            throw refuse.with("request_uri_not_supported", "Request URIs are not supported.");
        }
        String responseType = params.get("response_type");
        if (responseType == null) {
            throw refuse.with("invalid_request", "The request has no response_type.");
        }
        if (!responseType.equals("code")) {
            throw refuse.with("unsupported_response_type", "Only the response_type code is supported.");
        }
        Workspace workspace = ws.workspace();
        if (!client.allowsGrant("authorization_code") || !workspace.allowsGrant("authorization_code")) {
            throw refuse.with("unauthorized_client", "The client may not use the authorization code flow.");
        }
        List<String> scopes = scopes(ws, client, params.get("scope"), refuse);
        String challenge = params.get("code_challenge");
        String method = params.get("code_challenge_method");
        if (challenge == null) {
            boolean publicClient = "none".equals(client.tokenEndpointAuthMethod());
            if (method != null) {
                throw refuse.with("invalid_request", "A code_challenge_method without code_challenge.");
            }
            if (workspace.enforcePkce() || (workspace.enforcePkceForPublicClients() && publicClient)) {
                throw refuse.with("invalid_request", "PKCE is required: send code_challenge with method S256.");
            }
        } else {
            if (!"S256".equals(method)) {
                throw refuse.with("invalid_request", "The code_challenge_method must be S256.");
            }
            if (!challenge.matches("[A-Za-z0-9._~-]{43,128}")) {
                throw refuse.with("invalid_request", "The code_challenge is malformed.");
            }
        }
        Set<String> prompt = new LinkedHashSet<>(AuthorizationRequest.words(params.get("prompt")));
        if (!PROMPTS.containsAll(prompt) || (prompt.contains("none") && prompt.size() > 1)) {
            throw refuse.with("invalid_request", "The prompt parameter is invalid.");
        }
        Long maxAge = null;
        if (params.containsKey("max_age")) {
            try {
                maxAge = Long.parseLong(params.get("max_age"));
            } catch (NumberFormatException e) {
                maxAge = -1L;
            }
            if (maxAge < 0) {
                throw refuse.with("invalid_request", "The max_age parameter must be a non-negative integer.");
            }
        }
        return new AuthorizationRequest(client.clientId(), redirectUri, redirectParam, mode, scopes, state,
                params.get("nonce"), challenge, challenge == null ? null : method, prompt, maxAge,
                params.get("login_hint"));
    }

    private static List<String> scopes(WorkspaceContext ws, Client client, String requested, Refusal refuse) {
        List<String> names = AuthorizationRequest.words(requested);
        for (String name : names) {
            if (ws.scope(name).isEmpty() || !client.scopes().contains(name)) {
                throw refuse.with("invalid_scope", "The requested scope is invalid, unknown, or not allowed for "
                        + "this client.");
            }
        }
        return names;
    }

    /** Builds the redirected errors of one request. */
    record Refusal(String redirectUri, String mode, String state, String issuer) {

        AuthorizationError with(String error, String description) {
            return AuthorizationError.redirect(
                    AuthorizationResponse.error(redirectUri, mode, error, description, state, issuer));
        }
    }
}
