package dev.latchkey.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.support.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Defaults of a new workspace, in one place: the values of Cloudentity's spec (createAuthorizationServer)
 * and of the seed's sample response.
 */
public final class WorkspaceDefaults {

    public static final List<String> GRANT_TYPES =
            List.of("authorization_code", "implicit", "client_credentials", "refresh_token");
    public static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post",
            "client_secret_jwt", "private_key_jwt", "self_signed_tls_client_auth", "tls_client_auth", "none");

    private WorkspaceDefaults() {
    }

    /** A workspace of the given type with every default filled in. */
    public static Workspace of(String tenantId, String id, String name, String type, String secret, String salt,
                               Instant now) {
        JsonNode dcr = Json.MAPPER.createObjectNode()
                .put("enabled", false)
                .set("initial_access_token", Json.MAPPER.createObjectNode().put("required", false));
        JsonNode trustAnchor = Json.MAPPER.createObjectNode()
                .put("jwks_uri", "")
                .set("jwks", Json.MAPPER.createObjectNode().putNull("keys"));
        return new Workspace(tenantId, id, name, "default", type, "#007FFF", secret, List.of(), "jwt", "ecdsa", "",
                "", dcr, GRANT_TYPES, AUTH_METHODS, Duration.ofHours(1), Duration.ofDays(30),
                Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(1), false, false, "", false,
                "", List.of("public", "pairwise"), salt, false, trustAnchor, false, false, false, ".", null,
                false, now);
    }
}
