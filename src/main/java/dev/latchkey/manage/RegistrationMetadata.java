package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.support.ApiException;
import dev.latchkey.workspace.RegistrationSettings;
import dev.latchkey.workspace.Workspace;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Client metadata of a dynamic registration request (RFC 7591 §2, Cloudentity's {@code
 * DynamicClientRegistrationRequest}) turned into an Admin API {@link ClientAdminRequest}, so that it is checked by
 * the very rules of {@code createClient} ({@link ClientAdminFields}, {@link ClientAdminRules}) and then by those
 * RFC 7591 adds:
 * <ul>
 *   <li>only the fields of {@code DynamicClientRegistrationRequest} that a client may choose are read; any other
 *   field is ignored ("The authorization server MUST ignore any client metadata sent by the client that it does
 *   not understand", §2): a client cannot make itself a {@code system} or {@code trusted} application, set its
 *   token lifetimes, its id, or its secret. The read-only ones ({@code client_id_issued_at}, {@code
 *   client_secret_expires_at}, {@code created_at} ...) and {@code software_statement} (Latchkey verifies no
 *   software statements, §2.3) are ignored too;</li>
 *   <li>{@code response_types} and {@code grant_types} agree (§2.1): {@code code} needs {@code authorization_code},
 *   {@code token} and {@code id_token} need {@code implicit}; without {@code response_types}, a client gets
 *   {@code code} if it uses {@code authorization_code}, {@code token} if it uses {@code implicit};</li>
 *   <li>a client that uses a redirect-based grant registers at least one redirect URI;</li>
 *   <li>{@code jwks} and {@code jwks_uri} are not both present (§2), and {@code private_key_jwt} has one;</li>
 *   <li>a request without {@code scope} or {@code scopes} gets the workspace's {@code default_scopes} (those the
 *   workspace has).</li>
 * </ul>
 * Every refusal is 400 {@code invalid_redirect_uri} or {@code invalid_client_metadata} (§3.2.2).
 */
final class RegistrationMetadata {

    static final Set<String> CLIENT_FIELDS = Set.of("app_url", "application_type", "audience",
            "authorization_details_types", "authorization_encrypted_response_alg",
            "authorization_encrypted_response_enc",
            "authorization_signed_response_alg", "backchannel_authentication_request_signing_alg",
            "backchannel_client_notification_endpoint", "backchannel_logout_session_required", "backchannel_logout_uri",
            "backchannel_token_delivery_mode", "backchannel_user_code_parameter", "certificate", "client_name",
            "client_uri", "default_acr_values", "description", "dpop_bound_access_tokens", "grant_types",
            "id_token_encrypted_response_alg", "id_token_encrypted_response_enc", "id_token_signed_response_alg",
            "introspection_endpoint_auth_method", "jwks", "jwks_uri", "logo_uri", "organisation_id", "policy_uri",
            "post_logout_redirect_uris", "privacy", "redirect_uris", "request_object_encryption_alg",
            "request_object_encryption_enc", "request_object_signing_alg", "request_uris",
            "require_pushed_authorization_requests", "response_types", "revocation_endpoint_auth_method", "scope",
            "scopes", "sector_identifier_uri", "subject_type", "tls_client_auth_san_dns", "tls_client_auth_san_email",
            "tls_client_auth_san_ip", "tls_client_auth_san_uri", "tls_client_auth_subject_dn",
            "tls_client_certificate_bound_access_tokens", "token_endpoint_auth_method",
            "token_endpoint_auth_signing_alg", "token_exchange", "tos_uri", "userinfo_signed_response_alg");
    private static final Set<String> REDIRECT_GRANTS = Set.of("authorization_code", "implicit");

    private RegistrationMetadata() {
    }

    /**
     * The Admin API request for {@code body} in {@code workspace}; {@code workspaceScopes} are the scopes it has.
     * Checks the fields' types and the rules above; the rules against the workspace come later, in
     * {@link ClientAdmin}, and are translated by {@link #translated}.
     */
    static ClientAdminRequest read(ObjectNode body, Workspace workspace, Set<String> workspaceScopes) {
        ObjectNode metadata = body.objectNode();
        body.properties().forEach(field -> {
            if (CLIENT_FIELDS.contains(field.getKey()) && !field.getValue().isNull()) {
                metadata.set(field.getKey(), field.getValue());
            }
        });
        metadata.put("tenant_id", workspace.tenantId());
        metadata.put("authorization_server_id", workspace.id());
        if (!metadata.has("scope") && !metadata.has("scopes")) {
            ArrayNode scopes = metadata.putArray("scopes");
            RegistrationSettings.of(workspace).defaultScopes().stream().filter(workspaceScopes::contains)
                    .forEach(scopes::add);
        }
        ClientAdminRequest request;
        try {
            request = ClientAdminRequest.of(metadata);
            ClientAdminRules.checkOwnValues(request);
        } catch (ApiException e) {
            throw translated(e);
        }
        List<String> grants = request.grantTypes() != null ? request.grantTypes() : List.of("authorization_code");
        if (request.responseTypes() == null) {
            ArrayNode responseTypes = metadata.putArray("response_types");
            if (grants.contains("authorization_code")) {
                responseTypes.add("code");
            }
            if (grants.contains("implicit")) {
                responseTypes.add("token");
            }
            request = ClientAdminRequest.of(metadata);
        }
        check(request, grants, metadata);
        return request;
    }

    private static void check(ClientAdminRequest request, List<String> grants, JsonNode metadata) {
        for (String responseType : request.responseTypes()) {
            List<String> words = Arrays.asList(responseType.trim().split(" +"));
            if (words.contains("code") && !grants.contains("authorization_code")) {
                throw invalidMetadata("The response type " + responseType + " needs the authorization_code grant type");
            }
            if ((words.contains("token") || words.contains("id_token")) && !grants.contains("implicit")) {
                throw invalidMetadata("The response type " + responseType + " needs the implicit grant type");
            }
        }
        boolean redirects = grants.stream().anyMatch(REDIRECT_GRANTS::contains);
        if (redirects && (request.redirectUris() == null || request.redirectUris().isEmpty())) {
            throw new ApiException(400, "invalid_redirect_uri", "redirect_uris must name at least one redirect URI "
                    + "for the authorization_code and implicit grant types");
        }
        boolean jwks = metadata.path("jwks").path("keys").isArray() && !metadata.path("jwks").path("keys").isEmpty();
        boolean jwksUri = !metadata.path("jwks_uri").asText("").isEmpty();
        if (jwks && jwksUri) {
            throw invalidMetadata("jwks and jwks_uri must not both be present");
        }
        if ("private_key_jwt".equals(request.tokenEndpointAuthMethod()) && !jwks && !jwksUri) {
            throw invalidMetadata("private_key_jwt needs the client's public keys: jwks or jwks_uri");
        }
    }

    /** An Admin API refusal of client metadata as an RFC 7591 §3.2.2 error. */
    static ApiException translated(ApiException e) {
        if (e.status() != 400 && e.status() != 422) {
            return e;
        }
        Object field = e.details().get("field");
        String message = e.getMessage().replace("The request body is invalid: ", "");
        return field instanceof String name && name.startsWith("redirect_uris")
                ? new ApiException(400, "invalid_redirect_uri", message)
                : invalidMetadata(message);
    }

    static ApiException invalidMetadata(String message) {
        return new ApiException(400, "invalid_client_metadata", message);
    }
}
