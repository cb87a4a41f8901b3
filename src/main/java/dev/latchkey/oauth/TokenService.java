package dev.latchkey.oauth;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The grant registry of the token endpoint: dispatches a request to the handler of its
 * {@code grant_type}. The workspace's {@code grant_types} gate every grant (an unknown or disabled grant
 * type is {@code unsupported_grant_type}, RFC 6749 §5.2); the client's own list is checked by each grant.
 */
public final class TokenService {

    private final Map<String, GrantHandler> handlers;

    public TokenService(List<GrantHandler> handlers) {
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(GrantHandler::grantType,
                Function.identity()));
    }

    public TokenResponse token(TokenRequest request) {
        GrantHandler handler = handlers.get(request.grantType());
        if (handler == null || !request.workspace().workspace().allowsGrant(request.grantType())) {
            throw OAuthException.unsupportedGrantType("The authorization grant type is not supported by this "
                    + "authorization server");
        }
        if (!request.client().allowsGrant(request.grantType())) {
            throw OAuthException.unauthorizedClient("The client is not authorized to use this authorization "
                    + "grant type");
        }
        return handler.handle(request);
    }

    /** The grant types this server implements (advertised in discovery, intersected with the workspace's). */
    public List<String> supported() {
        return handlers.keySet().stream().sorted().toList();
    }
}
