package dev.latchkey.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.workspace.WorkspaceDefaults;

import java.util.ArrayList;
import java.util.List;

/**
 * The workspace's "Auth settings" form (Cloudentity's Auth Settings > OAuth): allowed grant types, token endpoint
 * authentication methods, token and code TTLs, PKCE, access token format and subject identifier types. Read from
 * the workspace's representation ({@code WorkspaceAdmin.get}) or from a submitted form; {@link #applyTo} writes
 * the form's values over the representation, which {@code WorkspaceAdmin.update} then validates: the rules are
 * the Admin API's, not a copy.
 */
public record WorkspaceSettingsForm(String id, String name, List<String> grantTypes, List<String> authMethods,
                                    String accessTokenTtl, String refreshTokenTtl, String authorizationCodeTtl,
                                    String idTokenTtl, boolean enforcePkce, boolean enforcePkceForPublicClients,
                                    String accessTokenStrategy, List<String> subjectIdentifierTypes) {

    public static final List<String> GRANT_TYPES = List.of("authorization_code", "implicit", "client_credentials",
            "refresh_token", "password", "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "urn:openid:params:grant-type:ciba", "urn:ietf:params:oauth:grant-type:token-exchange",
            "urn:ietf:params:oauth:grant-type:device_code");
    public static final List<String> AUTH_METHODS = WorkspaceDefaults.AUTH_METHODS;
    public static final List<String> STRATEGIES = List.of("jwt", "opaque");
    public static final List<String> SUBJECT_TYPES = WorkspaceDefaults.SUBJECT_IDENTIFIER_TYPES;
    /** The form's field names, as the Admin API names them (errors land on these). */
    public static final List<String> FIELDS = List.of("token_endpoint_auth_methods", "grant_types",
            "access_token_ttl", "refresh_token_ttl", "authorization_code_ttl", "id_token_ttl",
            "enforce_pkce_for_public_clients", "enforce_pkce", "access_token_strategy", "subject_identifier_types");

    /** The settings a workspace representation holds. */
    public static WorkspaceSettingsForm of(ObjectNode server) {
        return new WorkspaceSettingsForm(server.path("id").asText(), server.path("name").asText(),
                list(server.path("grant_types")), list(server.path("token_endpoint_auth_methods")),
                server.path("access_token_ttl").asText(), server.path("refresh_token_ttl").asText(),
                server.path("authorization_code_ttl").asText(), server.path("id_token_ttl").asText(),
                server.path("enforce_pkce").asBoolean(), server.path("enforce_pkce_for_public_clients").asBoolean(),
                server.path("access_token_strategy").asText("jwt"), list(server.path("subject_identifier_types")));
    }

    /** The settings as submitted (shown again, with the errors, when they are refused). */
    public static WorkspaceSettingsForm of(String id, String name, FormData form) {
        return new WorkspaceSettingsForm(id, name, form.all("grant_types"), form.all("token_endpoint_auth_methods"),
                form.get("access_token_ttl"), form.get("refresh_token_ttl"), form.get("authorization_code_ttl"),
                form.get("id_token_ttl"), form.checked("enforce_pkce"), form.checked("enforce_pkce_for_public_clients"),
                form.get("access_token_strategy"), form.all("subject_identifier_types"));
    }

    /** {@code server} with this form's values: the body of the update. */
    public ObjectNode applyTo(ObjectNode server) {
        ObjectNode body = server.deepCopy();
        array(body, "grant_types", grantTypes);
        array(body, "token_endpoint_auth_methods", authMethods);
        array(body, "token_endpoint_authn_methods", authMethods); // the deprecated alias must agree
        body.put("access_token_ttl", accessTokenTtl);
        body.put("refresh_token_ttl", refreshTokenTtl);
        body.put("authorization_code_ttl", authorizationCodeTtl);
        body.put("id_token_ttl", idTokenTtl);
        body.put("enforce_pkce", enforcePkce);
        body.put("enforce_pkce_for_public_clients", enforcePkceForPublicClients);
        body.put("access_token_strategy", accessTokenStrategy);
        array(body, "subject_identifier_types", subjectIdentifierTypes);
        return body;
    }

    static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void array(ObjectNode body, String name, List<String> values) {
        ArrayNode array = body.putArray(name);
        values.forEach(array::add);
    }
}
