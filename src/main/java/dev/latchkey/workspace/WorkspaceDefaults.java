package dev.latchkey.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.support.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Defaults of a workspace, in one place: the {@code default} values of Cloudentity's {@code Server}
 * schema and of the createAuthorizationServer text (code 10m, access and ID tokens 1h, refresh 30 days),
 * and the seed's sample response where the spec names none ({@code cookie_max_age} 1h).
 */
public final class WorkspaceDefaults {

    public static final List<String> GRANT_TYPES =
            List.of("authorization_code", "implicit", "client_credentials", "refresh_token");
    public static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post",
            "client_secret_jwt", "private_key_jwt", "self_signed_tls_client_auth", "tls_client_auth", "none");
    public static final List<String> SUBJECT_IDENTIFIER_TYPES = List.of("public", "pairwise");
    public static final List<String> BACKCHANNEL_DELIVERY_MODES = List.of("poll", "ping");
    public static final String PROFILE = "default";
    public static final String TYPE = "regular";
    public static final String COLOR = "#007FFF";
    public static final String ACCESS_TOKEN_STRATEGY = "jwt";
    public static final String KEY_TYPE = "ecdsa";
    public static final String DYNAMIC_SCOPE_SEPARATOR = ".";
    public static final Duration ACCESS_TOKEN_TTL = Duration.ofHours(1);
    public static final Duration ID_TOKEN_TTL = Duration.ofHours(1);
    public static final Duration REFRESH_TOKEN_TTL = Duration.ofDays(30);
    public static final Duration AUTHORIZATION_CODE_TTL = Duration.ofMinutes(10);
    public static final Duration COOKIE_MAX_AGE = Duration.ofHours(1);
    /** {@code version}: "version that is currently the latest: 3". */
    public static final int VERSION = 3;

    private WorkspaceDefaults() {
    }

    /** A workspace of the given type with every default filled in. */
    public static Workspace of(String tenantId, String id, String name, String type, String secret, String salt,
                               Instant now) {
        return new Workspace(tenantId, id, PROFILE, name, type, COLOR, "", "", secret, List.of(),
                ACCESS_TOKEN_STRATEGY, KEY_TYPE, dynamicClientRegistration(), GRANT_TYPES, AUTH_METHODS,
                ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL, AUTHORIZATION_CODE_TTL, ID_TOKEN_TTL, COOKIE_MAX_AGE, false,
                false, "", false, "", SUBJECT_IDENTIFIER_TYPES, salt, false, trustAnchorConfiguration(), false,
                false, false, DYNAMIC_SCOPE_SEPARATOR, BACKCHANNEL_DELIVERY_MODES, false, false, extras(null),
                now);
    }

    /** {@code dynamic_client_registration} when none is given: disabled, no initial access token. */
    public static JsonNode dynamicClientRegistration() {
        return Json.MAPPER.createObjectNode()
                .put("enabled", false)
                .set("initial_access_token", Json.MAPPER.createObjectNode().put("required", false));
    }

    /** {@code trust_anchor_configuration} when none is given: no keys, no JWKS URI. */
    public static JsonNode trustAnchorConfiguration() {
        return Json.MAPPER.createObjectNode()
                .put("jwks_uri", "")
                .set("jwks", Json.MAPPER.createObjectNode().putNull("keys"));
    }

    /** The given extra fields with the spec's defaults added where absent ({@code version}, scope claim format). */
    public static ObjectNode extras(ObjectNode given) {
        ObjectNode extras = given == null ? Json.MAPPER.createObjectNode() : given.deepCopy();
        if (!extras.hasNonNull("version")) {
            extras.put("version", VERSION);
        }
        if (!extras.hasNonNull("scope_claim_formats")) {
            extras.putArray("scope_claim_formats").add("scp_array");
        }
        return extras;
    }
}
