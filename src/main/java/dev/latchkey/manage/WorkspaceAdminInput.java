package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.GoDuration;
import dev.latchkey.support.Json;
import dev.latchkey.workspace.Workspace;
import dev.latchkey.workspace.WorkspaceDefaults;
import dev.latchkey.workspace.WorkspaceSchema;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Turns a {@code Server} body (createAuthorizationServer, updateAuthorizationServer) into a
 * {@link Workspace}: checks it against the spec's schema, then applies the rules the schema cannot say.
 * A create fills absent fields with the spec's defaults and generates {@code id}, {@code secret} and
 * {@code subject_identifier_algorithm_salt}. An update replaces the workspace (PUT): absent fields take
 * their defaults, except those the server owns or generated, which keep their stored values ({@code id},
 * {@code type}, {@code name}, {@code secret}, {@code rotated_secrets}, the salt, {@code key_type}; keys are
 * managed by the keys API, so {@code jwks} is ignored). Spec fields without a component are kept in
 * {@code extras}. Stateless.
 */
final class WorkspaceAdminInput {

    /** serverID: letters, digits, '-' and '_' (a path segment of every workspace URL). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> BACKCHANNEL_MODES = Set.of("poll", "ping", "push");
    /** Fields read into components or answered by the server, so not kept in {@code extras}. */
    private static final Set<String> NOT_EXTRA = Set.of("tenant_id", "id", "profile", "name", "type", "color",
            "description", "logo_uri", "secret", "rotated_secrets", "access_token_strategy", "key_type",
            "dynamic_client_registration", "grant_types", "token_endpoint_auth_methods",
            "token_endpoint_authn_methods", "access_token_ttl", "refresh_token_ttl", "authorization_code_ttl",
            "id_token_ttl", "cookie_max_age", "enforce_pkce", "enforce_pkce_for_public_clients", "root_cas",
            "read_client_certificate_from_header", "client_certificate_header", "subject_identifier_types",
            "subject_identifier_algorithm_salt", "enable_trust_anchor", "trust_anchor_configuration",
            "enable_quick_access", "enable_idp_discovery", "enable_legacy_clients_with_no_software_statement",
            "dynamic_scope_separator", "backchannel_token_delivery_modes_supported",
            "backchannel_user_code_parameter_supported", "template", "jwks", "issuer_url", "mtls_issuer_url",
            "supported_application_purposes", "theme_id");

    /** Values the server generates for a new workspace. */
    record Generated(Supplier<String> id, Supplier<String> secret, Supplier<String> salt) {
    }

    private final WorkspaceSchema schema;

    WorkspaceAdminInput(WorkspaceSchema schema) {
        this.schema = schema;
    }

    /** The workspace a create body describes, in tenant {@code tenantId}. */
    Workspace forCreate(String tenantId, JsonNode body, Generated generated, Instant now) {
        schema.check(body);
        requireTenant(body, tenantId);
        String id = text(body, "id", null);
        if (id == null || id.isEmpty()) {
            id = generated.id().get();
        } else if (!ID.matcher(id).matches()) {
            throw invalid("id", "id must be 1 to 64 letters, digits, '-' or '_'");
        }
        JsonNode jwks = body.get("jwks");
        if (jwks != null && jwks.isObject() && (nonEmpty(jwks.get("keys")) || nonNull(jwks.get("next_signing_key"))
                || nonNull(jwks.get("next_encryption_key")))) {
            throw invalid("jwks", "importing keys is not supported: omit jwks (or send no keys) and the keys "
                    + "are generated from key_type");
        }
        String secret = secret(text(body, "secret", null), generated.secret());
        String salt = orElse(text(body, "subject_identifier_algorithm_salt", null), generated.salt());
        return build(tenantId, id, body, text(body, "type", WorkspaceDefaults.TYPE),
                nameOr(body, id), secret, list(body, "rotated_secrets", List.of()),
                text(body, "key_type", WorkspaceDefaults.KEY_TYPE), salt, now);
    }

    /** The workspace a PUT body describes, replacing {@code current}. */
    Workspace forUpdate(Workspace current, JsonNode body) {
        schema.check(body);
        requireTenant(body, current.tenantId());
        String id = text(body, "id", null);
        if (id != null && !id.isEmpty() && !id.equals(current.id())) {
            throw invalid("id", "id does not match the workspace of the path");
        }
        String type = text(body, "type", current.type());
        if (!type.equals(current.type())) {
            throw invalid("type", "the type of a workspace cannot be changed");
        }
        String secret = secret(text(body, "secret", null), current::secret);
        String salt = orElse(text(body, "subject_identifier_algorithm_salt", null),
                current::subjectIdentifierAlgorithmSalt);
        return build(current.tenantId(), current.id(), body, type, nameOr(body, current.name()), secret,
                list(body, "rotated_secrets", current.rotatedSecrets()), current.keyType(), salt,
                current.createdAt());
    }

    private Workspace build(String tenantId, String id, JsonNode body, String type, String name, String secret,
                            List<String> rotatedSecrets, String keyType, String salt, Instant createdAt) {
        ObjectNode extras = Json.MAPPER.createObjectNode();
        body.fields().forEachRemaining(f -> {
            if (!NOT_EXTRA.contains(f.getKey())) {
                extras.set(f.getKey(), f.getValue());
            }
        });
        return new Workspace(tenantId, id, text(body, "profile", WorkspaceDefaults.PROFILE), name, type,
                text(body, "color", WorkspaceDefaults.COLOR), text(body, "description", ""),
                text(body, "logo_uri", ""), secret, rotatedSecrets,
                text(body, "access_token_strategy", WorkspaceDefaults.ACCESS_TOKEN_STRATEGY), keyType,
                object(body, "dynamic_client_registration", WorkspaceDefaults.dynamicClientRegistration()),
                distinct(list(body, "grant_types", WorkspaceDefaults.GRANT_TYPES)), authMethods(body),
                ttl(body, "access_token_ttl", WorkspaceDefaults.ACCESS_TOKEN_TTL),
                ttl(body, "refresh_token_ttl", WorkspaceDefaults.REFRESH_TOKEN_TTL),
                ttl(body, "authorization_code_ttl", WorkspaceDefaults.AUTHORIZATION_CODE_TTL),
                ttl(body, "id_token_ttl", WorkspaceDefaults.ID_TOKEN_TTL),
                ttl(body, "cookie_max_age", WorkspaceDefaults.COOKIE_MAX_AGE),
                flag(body, "enforce_pkce"), flag(body, "enforce_pkce_for_public_clients"),
                text(body, "root_cas", ""), flag(body, "read_client_certificate_from_header"),
                text(body, "client_certificate_header", ""),
                distinct(list(body, "subject_identifier_types", WorkspaceDefaults.SUBJECT_IDENTIFIER_TYPES)), salt,
                flag(body, "enable_trust_anchor"),
                object(body, "trust_anchor_configuration", WorkspaceDefaults.trustAnchorConfiguration()),
                flag(body, "enable_quick_access"), flag(body, "enable_idp_discovery"),
                flag(body, "enable_legacy_clients_with_no_software_statement"), separator(body),
                backchannelModes(body), flag(body, "backchannel_user_code_parameter_supported"),
                flag(body, "template"), WorkspaceDefaults.extras(extras), createdAt);
    }

    private static void requireTenant(JsonNode body, String tenantId) {
        String given = text(body, "tenant_id", null);
        if (given == null || given.isEmpty()) {
            throw invalid("tenant_id", "tenant_id is required");
        }
        if (!given.equals(tenantId)) {
            throw invalid("tenant_id", "tenant_id must be the tenant of the path");
        }
    }

    private static String nameOr(JsonNode body, String fallback) {
        String name = text(body, "name", null);
        if (name != null && name.length() > 255) {
            throw invalid("name", "name must be at most 255 characters");
        }
        return name == null || name.isEmpty() ? fallback : name;
    }

    /** "It must have at least 32 characters. If not provided, it is generated." */
    private static String secret(String given, Supplier<String> otherwise) {
        if (given == null || given.isEmpty()) {
            return otherwise.get();
        }
        if (given.length() < 32) {
            throw invalid("secret", "secret must have at least 32 characters");
        }
        return given;
    }

    private static List<String> authMethods(JsonNode body) {
        List<String> current = list(body, "token_endpoint_auth_methods", null);
        List<String> deprecated = list(body, "token_endpoint_authn_methods", null);
        if (current != null && deprecated != null && !Set.copyOf(current).equals(Set.copyOf(deprecated))) {
            throw invalid("token_endpoint_auth_methods",
                    "token_endpoint_auth_methods and its deprecated alias token_endpoint_authn_methods differ");
        }
        List<String> methods = current != null ? current : deprecated;
        return distinct(methods == null ? WorkspaceDefaults.AUTH_METHODS : methods);
    }

    /** A TTL: absent, null or zero takes the default (Go's zero value); negative is refused. */
    private static Duration ttl(JsonNode body, String field, Duration fallback) {
        String text = text(body, field, null);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        Duration ttl = GoDuration.parse(text); // the schema check has parsed it already
        if (ttl.isNegative()) {
            throw invalid(field, field + " must not be negative");
        }
        return ttl.isZero() ? fallback : ttl;
    }

    private static String separator(JsonNode body) {
        String separator = text(body, "dynamic_scope_separator", "");
        if (separator.length() > 1) {
            throw invalid("dynamic_scope_separator", "dynamic_scope_separator must be a single character");
        }
        return separator.isEmpty() ? WorkspaceDefaults.DYNAMIC_SCOPE_SEPARATOR : separator;
    }

    /** Absent: the spec default; an explicit null stays null (the seed sends and gets back null). */
    private static List<String> backchannelModes(JsonNode body) {
        if (!body.has("backchannel_token_delivery_modes_supported")) {
            return WorkspaceDefaults.BACKCHANNEL_DELIVERY_MODES;
        }
        List<String> modes = list(body, "backchannel_token_delivery_modes_supported", null);
        if (modes != null && !BACKCHANNEL_MODES.containsAll(modes)) {
            throw invalid("backchannel_token_delivery_modes_supported",
                    "backchannel_token_delivery_modes_supported values must be poll, ping or push");
        }
        return modes == null ? null : distinct(modes);
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static boolean flag(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.asBoolean(false);
    }

    private static JsonNode object(JsonNode body, String field, JsonNode fallback) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? fallback : value;
    }

    private static List<String> list(JsonNode body, String field, List<String> fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> {
            if (!item.isNull()) {
                items.add(item.asText());
            }
        });
        return items;
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private static String orElse(String given, Supplier<String> otherwise) {
        return given == null || given.isEmpty() ? otherwise.get() : given;
    }

    private static boolean nonEmpty(JsonNode node) {
        return node != null && node.isArray() && !node.isEmpty();
    }

    private static boolean nonNull(JsonNode node) {
        return node != null && !node.isNull();
    }

    static ApiException invalid(String field, String message) {
        return new ApiException(400, "bad_request", "The request body is invalid: " + message,
                Map.of("field", field));
    }
}
