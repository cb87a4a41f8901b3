package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.keys.ServerJwks;
import dev.latchkey.support.Json;
import dev.latchkey.workspace.Workspace;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of workspaces in the Admin API: Cloudentity's {@code ServerResponse} (the workspace's
 * fields in the order of the seed's sample response, its issuer URL, its keys as {@code ServerJWKs} with
 * public parameters only, then the other spec fields it was given) and the lighter {@code WorkspaceResponse}
 * of listWorkspaces. Stateless.
 */
final class WorkspaceAdminView {

    /** Fields of {@code WorkspaceResponse} that live in a workspace's extras. */
    private static final List<String> WORKSPACE_EXTRAS = List.of("authentication_context_settings",
            "authentication_mechanisms", "idp_discovery", "metadata", "settings", "sso", "subject_format");

    private final String baseUrl;

    WorkspaceAdminView(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The workspace's issuer, {@code {base}/{tid}/{aid}} (design §2). */
    String issuer(Workspace w) {
        return baseUrl + "/" + w.tenantId() + "/" + w.id();
    }

    /** {@code ServerResponse}. */
    ObjectNode server(Workspace w, ServerJwks jwks) {
        ObjectNode fields = Json.MAPPER.valueToTree(w);
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            switch (field.getKey()) {
                case "extras", "created_at" -> {
                    // internal: extras are merged below, created_at is not a Server field
                }
                case "logo_uri" -> {
                    out.set("logo_uri", field.getValue());
                    out.put("issuer_url", issuer(w));
                }
                case "token_endpoint_authn_methods" -> {
                    out.set("token_endpoint_authn_methods", field.getValue());
                    out.set("token_endpoint_auth_methods", field.getValue().deepCopy());
                }
                case "cookie_max_age" -> {
                    out.set("cookie_max_age", field.getValue());
                    out.set("jwks", Json.MAPPER.valueToTree(jwks));
                }
                default -> out.set(field.getKey(), field.getValue());
            }
        }
        w.extras().fields().forEachRemaining(f -> {
            if (!out.has(f.getKey())) {
                out.set(f.getKey(), f.getValue());
            }
        });
        return out;
    }

    /** {@code WorkspaceResponse}. */
    ObjectNode workspace(Workspace w) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", w.id());
        out.put("name", w.name());
        out.put("description", w.description());
        out.put("type", w.type());
        out.put("profile", w.profile());
        out.put("color", w.color());
        out.put("logo_uri", w.logoUri());
        out.put("issuer_url", issuer(w));
        out.put("subject_identifier_algorithm_salt", w.subjectIdentifierAlgorithmSalt());
        out.put("template", w.template());
        out.put("number_of_child_organizations", 0);
        ObjectNode extras = w.extras();
        for (String field : WORKSPACE_EXTRAS) {
            if (extras.has(field)) {
                out.set(field, extras.get(field));
            }
        }
        return out;
    }
}
