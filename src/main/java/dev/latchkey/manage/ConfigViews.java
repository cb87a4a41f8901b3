package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientDefaults;
import dev.latchkey.client.RotatedSecret;
import dev.latchkey.idp.StaticIdp;
import dev.latchkey.mfa.MfaMethod;
import dev.latchkey.scope.Scope;
import dev.latchkey.scope.Service;
import dev.latchkey.support.Json;
import dev.latchkey.workspace.Workspace;

import java.time.Instant;
import java.util.List;

/**
 * The shapes of entities in a configuration dump ({@code TenantDump}): each one the body the Admin API accepts
 * for it, so that a dump imports through the Admin API's own rules, without what the server computes (issuer
 * URLs, creation and update times, public keys) so that an export of an imported dump is the same document.
 * Secrets (workspace secret and subject salt, client secrets, static IDP user passwords) are kept only when
 * asked. The same shapes decide whether an import changes an existing entity. Stateless.
 */
final class ConfigViews {

    private static final List<String> SERVER_COMPUTED = List.of("issuer_url", "mtls_issuer_url", "jwks");
    private static final List<String> SERVER_SECRETS = List.of("secret", "rotated_secrets",
            "subject_identifier_algorithm_salt");
    private static final List<String> CLIENT_SECRETS = List.of("client_secret", "rotated_secrets", "hashed_secret",
            "hashed_rotated_secrets");

    private final WorkspaceAdminView view;

    ConfigViews(String baseUrl) {
        this.view = new WorkspaceAdminView(baseUrl);
    }

    ObjectNode server(Workspace w, boolean withSecrets) {
        ObjectNode out = view.server(w, null);
        out.remove(SERVER_COMPUTED);
        if (!withSecrets) {
            out.remove(SERVER_SECRETS);
        }
        return out;
    }

    static ObjectNode client(Client c, Instant now, boolean withSecrets) {
        ObjectNode out = c.extra().deepCopy();
        out.remove(List.of("application_types", "created_at", "updated_at", "client_id_issued_at",
                "server_issuer_url", "dynamically_registered"));
        out.put("client_id", c.clientId());
        out.put("tenant_id", c.tenantId());
        out.put("authorization_server_id", c.authorizationServerId());
        out.put("client_name", c.clientName());
        out.put("description", c.description());
        out.put("client_secret", c.clientSecret() == null ? "" : c.clientSecret());
        ArrayNode rotated = out.putArray("rotated_secrets");
        c.liveRotatedSecrets(now).stream().map(RotatedSecret::secret).forEach(rotated::add);
        out.put("client_secret_expires_at", c.clientSecretExpiresAt());
        out.set("grant_types", Json.MAPPER.valueToTree(c.grantTypes()));
        out.set("response_types", Json.MAPPER.valueToTree(c.responseTypes()));
        out.set("redirect_uris", Json.MAPPER.valueToTree(c.redirectUris()));
        out.set("scopes", Json.MAPPER.valueToTree(c.scopes()));
        out.put("token_endpoint_auth_method", c.tokenEndpointAuthMethod());
        out.put("application_type", c.applicationType());
        out.put("client_status", c.disabled() ? "inactive" : "active");
        out.put("system", c.system());
        // applications not written through the Admin API (bootstrap) read with the defaults it would store
        ClientDefaults.STORED.forEach((name, value) -> out.putIfAbsent(name, Json.MAPPER.valueToTree(value)));
        if (!withSecrets) {
            out.remove(CLIENT_SECRETS);
        }
        return sorted(out);
    }

    static ObjectNode idp(StaticIdp idp, boolean withSecrets) {
        ObjectNode out = Json.MAPPER.valueToTree(idp);
        JsonNode users = out.path("credentials").path("users");
        if (!withSecrets && users.isArray()) {
            users.forEach(u -> ((ObjectNode) u).remove("password"));
        }
        return out;
    }

    static ObjectNode mfa(MfaMethod m, boolean withSecrets) {
        return Json.MAPPER.valueToTree(new MfaAdmin.Request(m.id(), m.mechanism(), m.enabled(), m.settings(),
                withSecrets ? m.auth() : m.auth().withoutSecrets()));
    }

    static ObjectNode service(Service s) {
        return Json.MAPPER.valueToTree(new ServiceRequest(s.id(), s.name(), s.description(), s.tenantId(),
                s.authorizationServerId(), s.type(), null, s.customAudience(), s.gatewayId(), null, null));
    }

    static ObjectNode scope(Scope s) {
        return Json.MAPPER.valueToTree(new ScopeRequest(s.id(), s.name(), s.displayName(), s.description(),
                s.tenantId(), s.authorizationServerId(), s.implicit(), s.implicitGrant(), s.transientGrants(),
                s.metadata(), s.serviceId()));
    }

    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        node.properties().stream().map(java.util.Map.Entry::getKey).sorted()
                .forEach(name -> out.set(name, node.get(name)));
        return out;
    }
}
