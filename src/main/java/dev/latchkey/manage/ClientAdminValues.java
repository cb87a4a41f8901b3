package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.manage.ClientAdminFields.Field;
import dev.latchkey.support.GoDuration;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The value checks of {@link ClientAdminFields}: JSON type, enum membership, and the shape of the nested
 * documents that have one in the spec ({@code token_ttls}: Go durations; {@code jwks}: {@code ClientJWKs}, and,
 * as a deliberate addition, public keys only: a client registers the keys it can be verified with, never its
 * private ones). An empty string in an enum field means "not set", as Cloudentity writes it.
 */
final class ClientAdminValues {

    static final String[] RESPONSE_TYPES = {"token", "id_token", "code", "code id_token", "token id_token",
        "token code", "token id_token code", "none"};
    private static final Set<String> TTLS =
            Set.of("access_token_ttl", "authorization_code_ttl", "id_token_ttl", "refresh_token_ttl");
    private static final Set<String> JWK_MEMBERS = Set.of("kty", "kid", "use", "alg", "crv", "x", "y", "n", "e",
            "d", "p", "q", "dp", "dq", "qi", "k", "x5c", "x5t", "x5t#S256");
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "k");

    private ClientAdminValues() {
    }

    static void check(Field field, JsonNode value) {
        String name = field.name();
        switch (field.kind()) {
            case STRING -> {
                require(value.isTextual(), name);
                inEnum(field, value.textValue(), name);
            }
            case BOOLEAN -> require(value.isBoolean(), name);
            case INTEGER -> require(value.isIntegralNumber() && value.canConvertToLong(), name);
            case OBJECT -> require(value.isObject(), name);
            case DATE_TIME -> {
                require(value.isTextual(), name);
                dateTime(value.textValue(), name);
            }
            case STRINGS -> strings(field, value, name);
            case URIS -> {
                if (!value.isTextual()) {
                    strings(field, value, name);
                }
            }
            case TOKEN_TTLS -> tokenTtls(value, name);
            case JWKS -> jwks(value, name);
        }
    }

    private static void strings(Field field, JsonNode value, String name) {
        require(value.isArray(), name);
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            require(item.isTextual(), name + "[" + i + "]");
            if (field.name().equals("response_types")) {
                responseType(item.textValue(), name + "[" + i + "]");
            } else {
                inEnum(field, item.textValue(), name + "[" + i + "]");
            }
        }
    }

    private static void inEnum(Field field, String value, String path) {
        if (!field.values().isEmpty() && !value.isEmpty() && !field.values().contains(value)) {
            throw ClientAdminFields.invalid("invalid value for '" + path + "': must be one of "
                    + new TreeSet<>(field.values()), path);
        }
    }

    /** Response types are sets of words (OIDC Core §3): {@code "code id_token"} = {@code "id_token code"}. */
    private static void responseType(String value, String path) {
        List<String> words = Arrays.stream(value.trim().split(" +")).sorted().toList();
        boolean known = Arrays.stream(RESPONSE_TYPES)
                .anyMatch(t -> Arrays.stream(t.split(" ")).sorted().toList().equals(words));
        if (!known) {
            throw ClientAdminFields.invalid("invalid value for '" + path + "': not a response type", path);
        }
    }

    private static void dateTime(String value, String path) {
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ClientAdminFields.invalid("invalid value for '" + path + "': not an RFC 3339 date-time", path);
        }
    }

    private static void tokenTtls(JsonNode value, String name) {
        require(value.isObject(), name);
        for (var entry : value.properties()) {
            String path = name + "." + entry.getKey();
            if (!TTLS.contains(entry.getKey())) {
                throw ClientAdminFields.invalid("unknown field '" + path + "'", path);
            }
            JsonNode ttl = entry.getValue();
            if (ttl.isNull()) {
                continue;
            }
            require(ttl.isTextual(), path);
            try {
                if (GoDuration.parse(ttl.textValue()).isNegative()) {
                    throw ClientAdminFields.invalid("invalid value for '" + path + "': negative duration", path);
                }
            } catch (IllegalArgumentException e) {
                throw ClientAdminFields.invalid("invalid value for '" + path + "': not a duration", path);
            }
        }
    }

    private static void jwks(JsonNode value, String name) {
        require(value.isObject(), name);
        for (var entry : value.properties()) {
            if (!entry.getKey().equals("keys")) {
                throw ClientAdminFields.invalid("unknown field '" + name + "." + entry.getKey() + "'",
                        name + "." + entry.getKey());
            }
        }
        JsonNode keys = value.path("keys");
        if (keys.isMissingNode() || keys.isNull()) {
            return;
        }
        require(keys.isArray(), name + ".keys");
        for (int i = 0; i < keys.size(); i++) {
            String path = name + ".keys[" + i + "]";
            JsonNode key = keys.get(i);
            require(key.isObject(), path);
            require(key.path("kty").isTextual() && !key.path("kty").textValue().isEmpty(), path + ".kty");
            for (var member : key.properties()) {
                String memberPath = path + "." + member.getKey();
                if (!JWK_MEMBERS.contains(member.getKey())) {
                    throw ClientAdminFields.invalid("unknown field '" + memberPath + "'", memberPath);
                }
                if (PRIVATE_MEMBERS.contains(member.getKey())) {
                    throw ClientAdminFields.invalid("'" + memberPath + "' is a private key parameter: register "
                            + "public keys only", memberPath);
                }
                require(member.getKey().equals("x5c") ? member.getValue().isArray()
                        : member.getValue().isTextual(), memberPath);
            }
        }
    }

    private static void require(boolean ok, String path) {
        if (!ok) {
            throw ClientAdminFields.invalid("wrong type for '" + path + "'", path);
        }
    }
}
