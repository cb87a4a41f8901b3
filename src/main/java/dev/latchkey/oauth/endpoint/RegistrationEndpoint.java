package dev.latchkey.oauth.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.grant.TokenRevocations;
import dev.latchkey.http.Responses;
import dev.latchkey.manage.Actor;
import dev.latchkey.manage.DynamicRegistration;
import dev.latchkey.manage.DynamicRegistration.Registered;
import dev.latchkey.oauth.DiscoveryMetadata;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.token.AccessTokenVerifier;
import dev.latchkey.oauth.token.AccessTokenVerifier.VerifiedToken;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import dev.latchkey.workspace.RegistrationSettings;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code POST /{tid}/{aid}/oauth2/register} (RFC 7591 §3) and {@code GET|PUT|DELETE .../oauth2/register/{cid}}
 * (RFC 7592 §2), in a workspace whose {@code dynamic_client_registration} is enabled; elsewhere 404 {@code
 * not_found}, as an endpoint that does not exist (the discovery document does not name it). Parses the request,
 * checks the initial access token and hands over to {@link DynamicRegistration}. Errors are RFC 6749 JSON: 400
 * {@code invalid_request} for a body that is not a JSON object sent as {@code application/json}, 400 {@code
 * invalid_client_metadata} / {@code invalid_redirect_uri}, 401 {@code invalid_token} with a {@code WWW-Authenticate:
 * Bearer} challenge (RFC 6750 §3), 403 {@code insufficient_scope}.
 *
 * <p>Initial access token (RFC 7591 §3, Cloudentity's {@code initial_access_token.required}): an access token of
 * this workspace (any grant, typically client credentials) that carries the {@code dcr_register} scope. It is
 * single use: a successful registration revokes it.
 */
public final class RegistrationEndpoint {

    /** The scope an initial access token must carry, as Cloudentity's registration endpoint requires. */
    public static final String REGISTER_SCOPE = "dcr_register";
    private static final int MAX_TOKEN = 8192;

    private final DynamicRegistration registration;
    private final AccessTokenVerifier verifier;
    private final TokenRevocations revocations;
    private final RegistrationJson json;

    public RegistrationEndpoint(DynamicRegistration registration, AccessTokenVerifier verifier,
                                TokenRevocations revocations, RegistrationJson json) {
        this.registration = registration;
        this.verifier = verifier;
        this.revocations = revocations;
        this.json = json;
    }

    /** {@code registration_endpoint} (RFC 8414 §2, RFC 7591 §3), in a workspace that enables registration. */
    public static DiscoveryMetadata metadata() {
        return (workspace, doc) -> {
            if (RegistrationSettings.of(workspace.workspace()).enabled()) {
                doc.put("registration_endpoint", workspace.issuer() + "/oauth2/register");
            }
        };
    }

    public void register(WorkspaceContext workspace, ServerRequest req, ServerResponse res) {
        challenging(res, () -> {
            RegistrationSettings settings = RegistrationSettings.of(workspace.workspace());
            if (!settings.enabled()) {
                throw notEnabled();
            }
            VerifiedToken initial = settings.initialAccessTokenRequired() ? initialAccessToken(workspace, req) : null;
            ObjectNode body = body(req);
            Actor actor = initial == null
                    ? actor(req, workspace, "dynamic_client_registration", "anonymous")
                    : actor(req, workspace, initial.clientId(), initial.subject());
            Registered registered = registration.register(actor, workspace.workspace(), body);
            if (initial != null) {
                revocations.revokeToken(initial.tokenId(), workspace.tenantId(), workspace.workspaceId(),
                        initial.expiresAt());
            }
            Responses.noStore(res, 201, json.body(workspace, registered));
            return null;
        });
    }

    public void read(WorkspaceContext workspace, ServerRequest req, ServerResponse res) {
        challenging(res, () -> {
            requireEnabled(workspace);
            String clientId = req.path().pathParameters().get("cid");
            Registered registered = registration.read(workspace.workspace(), clientId, registrationToken(req));
            Responses.noStore(res, 200, json.body(workspace, registered));
            return null;
        });
    }

    public void update(WorkspaceContext workspace, ServerRequest req, ServerResponse res) {
        challenging(res, () -> {
            requireEnabled(workspace);
            String clientId = req.path().pathParameters().get("cid");
            Registered registered = registration.update(actor(req, workspace, clientId, clientId),
                    workspace.workspace(), clientId, registrationToken(req), () -> body(req));
            Responses.noStore(res, 200, json.body(workspace, registered));
            return null;
        });
    }

    public void delete(WorkspaceContext workspace, ServerRequest req, ServerResponse res) {
        challenging(res, () -> {
            requireEnabled(workspace);
            String clientId = req.path().pathParameters().get("cid");
            registration.delete(actor(req, workspace, clientId, clientId), workspace.workspace(), clientId,
                    registrationToken(req));
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.status(204).send();
            return null;
        });
    }

    /** RFC 7591 §3: a valid access token of this workspace with {@value #REGISTER_SCOPE}. */
    private VerifiedToken initialAccessToken(WorkspaceContext workspace, ServerRequest req) {
        String token = bearer(req);
        if (token == null) {
            throw invalidToken("An initial access token is required to register a client");
        }
        AccessTokenVerifier.Result result = verifier.verify(token);
        VerifiedToken verified = result.token().orElse(null);
        if (result.status() != AccessTokenVerifier.Status.VALID || verified == null
                || !verified.tenantId().equals(workspace.tenantId())
                || !verified.workspaceId().equals(workspace.workspaceId())) {
            throw invalidToken("The initial access token is invalid, expired or not issued by this workspace");
        }
        if (!verified.scopes().contains(REGISTER_SCOPE)) {
            throw new ApiException(403, "insufficient_scope", "The initial access token lacks the scope "
                    + REGISTER_SCOPE);
        }
        return verified;
    }

    private String registrationToken(ServerRequest req) {
        String token = bearer(req);
        if (token == null) {
            throw invalidToken("The registration access token is missing");
        }
        return token;
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    private static String bearer(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() || token.length() > MAX_TOKEN ? null : token;
    }

    private static ObjectNode body(ServerRequest req) {
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json")) {
            throw new ApiException(400, "invalid_request", "The client metadata must be sent as application/json");
        }
        String text = FormBodies.text(req);
        try {
            JsonNode node = text.isBlank() ? null : Json.MAPPER.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // below
        }
        throw new ApiException(400, "invalid_request", "The request body must be a JSON object of client metadata");
    }

    private void requireEnabled(WorkspaceContext workspace) {
        if (!RegistrationSettings.of(workspace.workspace()).enabled()) {
            throw notEnabled();
        }
    }

    private static Actor actor(ServerRequest req, WorkspaceContext workspace, String clientId, String subject) {
        String agent = req.headers().first(HeaderNames.USER_AGENT).orElse("");
        return new Actor(workspace.tenantId(), clientId == null ? "" : clientId, subject == null ? "" : subject,
                dev.latchkey.http.RequestOrigins.clientIp(req), agent.length() > 200 ? agent.substring(0, 200) : agent);
    }

    /** Runs {@code work}; a 401 gets the RFC 6750 §3 challenge before the error is rendered. */
    private static void challenging(ServerResponse res, Supplier<Void> work) {
        try {
            work.get();
        } catch (ApiException e) {
            if (e.status() == 401) {
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            } else if (e.status() == 403) {
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\""
                        + REGISTER_SCOPE + "\"");
            }
            throw e;
        }
    }

    private static ApiException invalidToken(String message) {
        return new ApiException(401, "invalid_token", message);
    }

    private static ApiException notEnabled() {
        return new ApiException(404, "not_found", "Dynamic client registration is not enabled for this workspace");
    }
}
