package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fields of Cloudentity's client documents ({@code CreateClientAdminRequest}, {@code
 * UpdateClientAdminRequest} and {@code ClientAdminResponse} of admin.yaml, their union), with the JSON type and
 * enum values of each, and how Latchkey uses it: {@code MODELED} fields become {@link ClientAdminRequest}
 * components, {@code STORED} ones are kept as they came, {@code COMPUTED} ones (read-only in the response,
 * such as {@code created_at} or {@code server_issuer_url}) are accepted, so that a GET body can be PUT back,
 * and ignored. A field not in the table is a 400 naming it; so is a value of the wrong type or outside its enum.
 * JSON null means absent. Nested documents are checked where Latchkey reads them ({@code token_ttls},
 * {@code jwks}, see {@link ClientAdminValues}).
 */
final class ClientAdminFields {

    enum Kind { STRING, BOOLEAN, INTEGER, STRINGS, OBJECT, DATE_TIME, URIS, TOKEN_TTLS, JWKS }

    enum Use { MODELED, STORED, COMPUTED }

    record Field(String name, Kind kind, Use use, Set<String> values) {
    }

    private static final String[] AUTH_METHODS = {"client_secret_basic", "client_secret_post", "client_secret_jwt",
        "private_key_jwt", "self_signed_tls_client_auth", "tls_client_auth", "none"};
    private static final String[] RSA_OAEP = {"RSA-OAEP", "RSA-OAEP-256"};
    private static final String[] CONTENT_ENC = {"A256GCM", "A128CBC-HS256"};

    static final Map<String, Field> FIELDS = Stream.of(
            f("app_url", Kind.STRING, Use.STORED),
            f("application_type", Kind.STRING, Use.MODELED, "web", "native"),
            f("application_types", Kind.STRINGS, Use.COMPUTED, "single_page", "server_web", "mobile_desktop",
                    "service", "legacy", "dcr", "custom", "saml"),
            f("audience", Kind.STRINGS, Use.STORED),
            f("authorization_details_types", Kind.STRINGS, Use.STORED),
            f("authorization_encrypted_response_alg", Kind.STRING, Use.STORED, RSA_OAEP),
            f("authorization_encrypted_response_enc", Kind.STRING, Use.STORED, CONTENT_ENC),
            f("authorization_server_id", Kind.STRING, Use.MODELED),
            f("authorization_signed_response_alg", Kind.STRING, Use.STORED),
            f("backchannel_authentication_request_signing_alg", Kind.STRING, Use.STORED),
            f("backchannel_client_notification_endpoint", Kind.STRING, Use.STORED),
            f("backchannel_logout_session_required", Kind.BOOLEAN, Use.STORED),
            f("backchannel_logout_uri", Kind.STRING, Use.STORED),
            f("backchannel_token_delivery_mode", Kind.STRING, Use.STORED),
            f("backchannel_user_code_parameter", Kind.BOOLEAN, Use.STORED),
            f("certificate", Kind.STRING, Use.STORED),
            f("client_id", Kind.STRING, Use.MODELED),
            f("client_id_issued_at", Kind.INTEGER, Use.COMPUTED),
            f("client_name", Kind.STRING, Use.MODELED),
            f("client_secret", Kind.STRING, Use.MODELED),
            f("client_secret_expires_at", Kind.INTEGER, Use.MODELED),
            f("client_status", Kind.STRING, Use.MODELED, "active", "inactive"),
            f("client_type", Kind.STRING, Use.STORED, "oauth2", "saml"),
            f("client_uri", Kind.STRING, Use.STORED),
            f("created_at", Kind.DATE_TIME, Use.COMPUTED),
            f("default_acr_values", Kind.STRINGS, Use.STORED),
            f("description", Kind.STRING, Use.MODELED),
            f("developer_id", Kind.STRING, Use.STORED),
            f("developer_metadata", Kind.OBJECT, Use.STORED),
            f("dpop_bound_access_tokens", Kind.BOOLEAN, Use.STORED),
            f("dynamically_registered", Kind.BOOLEAN, Use.COMPUTED),
            f("fdx", Kind.OBJECT, Use.STORED),
            f("grant_types", Kind.STRINGS, Use.MODELED, "authorization_code", "implicit", "client_credentials",
                    "refresh_token", "password", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                    "urn:openid:params:grant-type:ciba", "urn:ietf:params:oauth:grant-type:token-exchange",
                    "urn:ietf:params:oauth:grant-type:device_code"),
            f("hashed_rotated_secrets", Kind.STRINGS, Use.STORED),
            f("hashed_secret", Kind.STRING, Use.STORED),
            f("id_token_encrypted_response_alg", Kind.STRING, Use.STORED, RSA_OAEP),
            f("id_token_encrypted_response_enc", Kind.STRING, Use.STORED, CONTENT_ENC),
            f("id_token_signed_response_alg", Kind.STRING, Use.STORED, "RS256", "ES256", "PS256"),
            f("introspection_endpoint_auth_method", Kind.STRING, Use.STORED, AUTH_METHODS),
            f("jwks", Kind.JWKS, Use.STORED),
            f("jwks_uri", Kind.STRING, Use.STORED),
            f("logo_uri", Kind.STRING, Use.STORED),
            f("metadata", Kind.OBJECT, Use.STORED),
            f("obbr", Kind.OBJECT, Use.COMPUTED),
            f("organisation_id", Kind.STRING, Use.STORED),
            f("policy_uri", Kind.STRING, Use.STORED),
            f("post_logout_redirect_uris", Kind.STRINGS, Use.STORED),
            f("privacy", Kind.OBJECT, Use.STORED),
            f("redirect_uris", Kind.URIS, Use.MODELED),
            f("request_object_encryption_alg", Kind.STRING, Use.STORED, RSA_OAEP),
            f("request_object_encryption_enc", Kind.STRING, Use.STORED, CONTENT_ENC),
            f("request_object_signing_alg", Kind.STRING, Use.STORED, "any", "none", "RS256", "ES256", "PS256"),
            f("request_uris", Kind.STRINGS, Use.STORED),
            f("require_pushed_authorization_requests", Kind.BOOLEAN, Use.STORED),
            f("response_types", Kind.STRINGS, Use.MODELED, ClientAdminValues.RESPONSE_TYPES),
            f("revocation_endpoint_auth_method", Kind.STRING, Use.STORED, AUTH_METHODS),
            f("rotated_secrets", Kind.STRINGS, Use.MODELED),
            f("saml_allowed_attributes", Kind.STRINGS, Use.STORED),
            f("saml_metadata", Kind.OBJECT, Use.STORED),
            f("saml_metadata_updated_at", Kind.DATE_TIME, Use.STORED),
            f("saml_metadata_url", Kind.STRING, Use.STORED),
            f("saml_override_attributes", Kind.BOOLEAN, Use.STORED),
            f("saml_service_provider_id", Kind.STRING, Use.STORED),
            f("saml_signing_hash", Kind.STRING, Use.STORED, "sha-1", "sha-256", "sha-512"),
            f("saml_subject_name_id", Kind.STRING, Use.STORED),
            f("saml_subject_name_id_format", Kind.STRING, Use.STORED,
                    "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
                    "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
                    "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
                    "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"),
            f("scope", Kind.STRING, Use.MODELED),
            f("scopes", Kind.STRINGS, Use.MODELED),
            f("sector_identifier_uri", Kind.STRING, Use.STORED),
            f("server_issuer_url", Kind.STRING, Use.COMPUTED),
            f("server_mtls_issuer_url", Kind.STRING, Use.COMPUTED),
            f("software_id", Kind.STRING, Use.COMPUTED),
            f("software_statement", Kind.STRING, Use.STORED),
            f("software_statement_payload", Kind.OBJECT, Use.STORED),
            f("software_version", Kind.STRING, Use.COMPUTED),
            f("subject_type", Kind.STRING, Use.STORED, "public", "pairwise"),
            f("system", Kind.BOOLEAN, Use.MODELED),
            f("tenant_id", Kind.STRING, Use.MODELED),
            f("tls_client_auth_san_dns", Kind.STRING, Use.STORED),
            f("tls_client_auth_san_email", Kind.STRING, Use.STORED),
            f("tls_client_auth_san_ip", Kind.STRING, Use.STORED),
            f("tls_client_auth_san_uri", Kind.STRING, Use.STORED),
            f("tls_client_auth_subject_dn", Kind.STRING, Use.STORED),
            f("tls_client_certificate_bound_access_tokens", Kind.BOOLEAN, Use.STORED),
            f("token_endpoint_auth_method", Kind.STRING, Use.MODELED, append(AUTH_METHODS, "unspecified")),
            f("token_endpoint_auth_signing_alg", Kind.STRING, Use.STORED, "RS256", "ES256", "PS256", "HS256"),
            f("token_exchange", Kind.OBJECT, Use.STORED),
            f("token_ttls", Kind.TOKEN_TTLS, Use.STORED),
            f("tos_uri", Kind.STRING, Use.STORED),
            f("trusted", Kind.BOOLEAN, Use.STORED),
            f("updated_at", Kind.DATE_TIME, Use.COMPUTED),
            f("use_custom_token_ttls", Kind.BOOLEAN, Use.STORED),
            f("userinfo_signed_response_alg", Kind.STRING, Use.STORED, "none", "RS256", "ES256"))
            .collect(Collectors.toUnmodifiableMap(Field::name, field -> field));

    private ClientAdminFields() {
    }

    /** Checks every field of {@code body} and splits it into the modeled fields and the stored rest. */
    static ClientAdminRequest read(ObjectNode body) {
        Map<String, JsonNode> modeled = new HashMap<>();
        ObjectNode extra = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            Field field = FIELDS.get(entry.getKey());
            if (field == null) {
                throw invalid("unknown field '" + entry.getKey() + "'", entry.getKey());
            }
            JsonNode value = entry.getValue();
            if (value == null || value.isNull()) {
                continue;
            }
            ClientAdminValues.check(field, value);
            switch (field.use()) {
                case MODELED -> modeled.put(field.name(), value);
                case STORED -> extra.set(field.name(), value);
                case COMPUTED -> { }
            }
        }
        return new ClientAdminRequest(text(modeled, "client_id"), text(modeled, "tenant_id"),
                text(modeled, "authorization_server_id"), text(modeled, "client_name"),
                text(modeled, "description"), text(modeled, "client_secret"), strings(modeled, "grant_types"),
                strings(modeled, "response_types"), uris(modeled.get("redirect_uris")), text(modeled, "scope"),
                strings(modeled, "scopes"), text(modeled, "token_endpoint_auth_method"),
                text(modeled, "application_type"),
                modeled.containsKey("system") ? modeled.get("system").booleanValue() : null,
                text(modeled, "client_status"),
                modeled.containsKey("client_secret_expires_at")
                        ? modeled.get("client_secret_expires_at").longValue() : null,
                strings(modeled, "rotated_secrets"), extra);
    }

    /** A 400 in the shape of {@code JsonBody}'s: "The request body is invalid: ...", naming the field. */
    static ApiException invalid(String message, String field) {
        return new ApiException(400, "bad_request", "The request body is invalid: " + message,
                Map.of("field", field));
    }

    private static String text(Map<String, JsonNode> modeled, String name) {
        return modeled.containsKey(name) ? modeled.get(name).textValue() : null;
    }

    private static List<String> strings(Map<String, JsonNode> modeled, String name) {
        JsonNode node = modeled.get(name);
        if (node == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        node.forEach(item -> values.add(item.textValue()));
        return values;
    }

    /** {@code redirect_uris}: an array, or, as Cloudentity accepts for backward compatibility, one string. */
    private static List<String> uris(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        List<String> values = new ArrayList<>();
        node.forEach(item -> values.add(item.textValue()));
        return values;
    }

    private static Field f(String name, Kind kind, Use use, String... values) {
        return new Field(name, kind, use, Set.of(values));
    }

    private static String[] append(String[] values, String more) {
        return Stream.concat(Stream.of(values), Stream.of(more)).toArray(String[]::new);
    }
}
