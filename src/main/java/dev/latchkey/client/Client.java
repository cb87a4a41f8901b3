package dev.latchkey.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.support.Interned;
import dev.latchkey.support.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An application (OAuth client) of a workspace, in Cloudentity's names. The fields that have a meaning in
 * Latchkey today are components; every other field of Cloudentity's client (jwks, metadata, TTLs, CIBA, SAML
 * ...) is kept in {@code extra} exactly as the administrator sent it and returned as it came.
 *
 * <p>{@code clientSecret} and the {@code rotatedSecrets} are held in clear here and encrypted at rest by the
 * repository; they are compared in constant time. {@code clientSecretExpiresAt} is Unix seconds, 0 for a
 * secret that does not expire (RFC 7591 §3.2.1). Immutable.
 */
public record Client(
        String clientId,
        String tenantId,
        String authorizationServerId,
        String clientName,
        String description,
        String clientSecret,
        List<String> grantTypes,
        List<String> responseTypes,
        List<String> redirectUris,
        List<String> scopes,
        String tokenEndpointAuthMethod,
        String applicationType,
        boolean system,
        boolean disabled,
        Instant createdAt,
        List<RotatedSecret> rotatedSecrets,
        long clientSecretExpiresAt,
        Instant updatedAt,
        ObjectNode extra) {

    /** Cloudentity keeps at most two rotated secrets; older ones are dropped on rotation. */
    public static final int MAX_ROTATED_SECRETS = 2;

    public Client {
        // values thousands of clients share are shared instances (Interned): the token endpoint reads another
        // client on every request, and compares these
        tenantId = Interned.string(tenantId);
        authorizationServerId = Interned.string(authorizationServerId);
        tokenEndpointAuthMethod = Interned.string(tokenEndpointAuthMethod);
        applicationType = Interned.string(applicationType);
        grantTypes = grantTypes == null ? List.of() : Interned.list(grantTypes);
        responseTypes = responseTypes == null ? List.of() : Interned.list(responseTypes);
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        scopes = scopes == null ? List.of() : Interned.list(scopes);
        rotatedSecrets = rotatedSecrets == null ? List.of() : List.copyOf(rotatedSecrets);
        updatedAt = updatedAt == null ? createdAt : updatedAt;
        extra = extra == null ? Json.MAPPER.createObjectNode() : extra.deepCopy();
    }

    /** The fields of the first version of this record: no rotated secrets, no expiry, no other fields. */
    public Client(String clientId, String tenantId, String authorizationServerId, String clientName,
                  String description, String clientSecret, List<String> grantTypes, List<String> responseTypes,
                  List<String> redirectUris, List<String> scopes, String tokenEndpointAuthMethod,
                  String applicationType, boolean system, boolean disabled, Instant createdAt) {
        this(clientId, tenantId, authorizationServerId, clientName, description, clientSecret, grantTypes,
                responseTypes, redirectUris, scopes, tokenEndpointAuthMethod, applicationType, system, disabled,
                createdAt, List.of(), 0, createdAt, null);
    }

    @Override
    public ObjectNode extra() {
        return extra.deepCopy(); // JSON nodes are mutable: hand out copies only
    }

    /** One field of {@code extra} (a copy; a missing node when absent), without copying the others. */
    public JsonNode extraField(String name) {
        return extra.path(name).deepCopy();
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }

    /** {@code client_type}: {@code oauth2} unless stored otherwise. */
    public String clientType() {
        String type = extra.path("client_type").asText("");
        return type.isEmpty() ? "oauth2" : type;
    }

    /**
     * Cloudentity's read-only {@code application_types}: the purpose chosen at creation, else {@code service}
     * for a client that only uses client credentials, else {@code server_web}.
     */
    public List<String> applicationTypes() {
        JsonNode stored = extra.path("application_types");
        if (stored.isArray() && !stored.isEmpty()) {
            List<String> types = new ArrayList<>();
            stored.forEach(t -> types.add(t.asText()));
            return List.copyOf(types);
        }
        return grantTypes.equals(List.of("client_credentials")) ? List.of("service") : List.of("server_web");
    }

    /** A client created by a developer rather than by an administrator ({@code developer_id} set). */
    public boolean thirdParty() {
        return !extra.path("developer_id").asText("").isEmpty();
    }

    public Client withSecret(String newSecret) {
        return new Client(clientId, tenantId, authorizationServerId, clientName, description, newSecret, grantTypes,
                responseTypes, redirectUris, scopes, tokenEndpointAuthMethod, applicationType, system, disabled,
                createdAt, rotatedSecrets, clientSecretExpiresAt, updatedAt, extra);
    }

    public Client withSecrets(String newSecret, List<RotatedSecret> newRotated, Instant now) {
        return new Client(clientId, tenantId, authorizationServerId, clientName, description, newSecret, grantTypes,
                responseTypes, redirectUris, scopes, tokenEndpointAuthMethod, applicationType, system, disabled,
                createdAt, newRotated, clientSecretExpiresAt, now, extra);
    }

    /** After a secret rotation: a new current secret, which does not expire, and the rotated ones. */
    public Client rotated(String newSecret, List<RotatedSecret> newRotated, Instant now) {
        return new Client(clientId, tenantId, authorizationServerId, clientName, description, newSecret, grantTypes,
                responseTypes, redirectUris, scopes, tokenEndpointAuthMethod, applicationType, system, disabled,
                createdAt, newRotated, 0, now, extra);
    }

    public Client withGrantTypes(List<String> newGrantTypes) {
        return new Client(clientId, tenantId, authorizationServerId, clientName, description, clientSecret,
                newGrantTypes, responseTypes, redirectUris, scopes, tokenEndpointAuthMethod, applicationType, system,
                disabled, createdAt, rotatedSecrets, clientSecretExpiresAt, updatedAt, extra);
    }

    /** The rotated secrets still accepted at {@code now}. */
    public List<RotatedSecret> liveRotatedSecrets(Instant now) {
        return rotatedSecrets.stream().filter(r -> r.activeAt(now)).toList();
    }

    /** Whether the current secret has passed its {@code client_secret_expires_at}. */
    public boolean secretExpiredAt(Instant now) {
        return clientSecretExpiresAt > 0 && now.getEpochSecond() >= clientSecretExpiresAt;
    }

    /** A confidential service application using client_credentials with the given scopes. */
    public static Client service(String tenantId, String workspaceId, String clientId, String name, String secret,
                                List<String> scopes, boolean system, Instant now) {
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.putArray("application_types").add("service");
        extra.putArray("audience").add(clientId);
        return new Client(clientId, tenantId, workspaceId, name, "", secret, List.of("client_credentials"),
                List.of(), List.of(), scopes, "client_secret_basic", "web", system, false, now, List.of(), 0,
                now, extra);
    }
}
