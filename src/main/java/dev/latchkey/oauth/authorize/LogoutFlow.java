package dev.latchkey.oauth.authorize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.Secrets;
import dev.latchkey.support.TokenHashes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * RP-Initiated Logout (OpenID Connect RP-Initiated Logout 1.0), kept simple. A logout request is
 * confirmed by the user on a page (§2: the OP should ask, so that another site cannot log the user out);
 * the confirmation form carries a token derived from the session cookie, which only that browser can
 * send. Confirming ends the SSO session (the grants and their tokens stay valid). A
 * {@code post_logout_redirect_uri} must equal one of the client's {@code post_logout_redirect_uris}; the
 * client is named by {@code client_id} (an {@code id_token_hint} is not verified nor needed). The
 * redirect carries {@code state}.
 */
public final class LogoutFlow {

    /** What to do: show the confirmation page, or (having ended the session, if any) redirect or say so. */
    public sealed interface Outcome {
    }

    public record Confirm(Map<String, String> fields, String workspaceName) implements Outcome {
    }

    public record Done(String redirect, boolean sessionEnded) implements Outcome {
    }

    public record Refused(String message) implements Outcome {
    }

    static final String TOKEN = "logout_token";

    private final ClientRepository clients;
    private final SsoSessions sessions;

    public LogoutFlow(ClientRepository clients, SsoSessions sessions) {
        this.clients = clients;
        this.sessions = sessions;
    }

    /** A logout request ({@code GET|POST /oidc/logout}), or its confirmation when it carries the token. */
    public Outcome logout(WorkspaceContext ws, Map<String, String> params, String sessionCookie) {
        Optional<String> redirect;
        try {
            redirect = redirect(ws, params);
        } catch (IllegalArgumentException e) {
            return new Refused(e.getMessage());
        }
        boolean live = sessionCookie != null && sessions.find(ws, sessionCookie).isPresent();
        if (!live) {
            return new Done(redirect.orElse(null), false);
        }
        String expected = TokenHashes.hash("logout\u0000" + sessionCookie);
        if (params.containsKey(TOKEN)) {
            if (!Secrets.equal(expected, params.get(TOKEN))) {
                return new Refused("The logout confirmation is invalid. Start again from the application.");
            }
            sessions.end(sessionCookie);
            return new Done(redirect.orElse(null), true);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : new String[] {"client_id", "post_logout_redirect_uri", "state"}) {
            if (params.get(name) != null) {
                fields.put(name, params.get(name));
            }
        }
        fields.put(TOKEN, expected);
        String name = ws.workspace().name() == null ? ws.workspaceId() : ws.workspace().name();
        return new Confirm(fields, name);
    }

    private Optional<String> redirect(WorkspaceContext ws, Map<String, String> params) {
        String uri = params.get("post_logout_redirect_uri");
        if (uri == null) {
            return Optional.empty();
        }
        String clientId = params.get("client_id");
        Client client = clientId == null ? null : clients.find(ws.tenantId(), clientId)
                .filter(c -> c.authorizationServerId().equals(ws.workspaceId()) && !c.disabled()).orElse(null);
        if (client == null) {
            throw new IllegalArgumentException("A post_logout_redirect_uri needs the client_id of a client of "
                    + "this workspace.");
        }
        boolean registered = false;
        for (JsonNode registeredUri : client.extra().path("post_logout_redirect_uris")) {
            registered |= registeredUri.asText().equals(uri);
        }
        if (!registered) {
            throw new IllegalArgumentException("The post_logout_redirect_uri is not registered for this client.");
        }
        String state = params.get("state");
        return Optional.of(state == null ? uri : uri + (uri.contains("?") ? "&" : "?") + "state="
                + java.net.URLEncoder.encode(state, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
