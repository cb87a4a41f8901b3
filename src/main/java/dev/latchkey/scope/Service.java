package dev.latchkey.scope;

import java.time.Instant;

/**
 * A service (API) of a workspace, with Cloudentity's {@code Service} fields: scopes belong to services,
 * and a token's {@code aud} names the services whose scopes it carries, as {@code spiffe:/tid/aid/service-id}
 * ({@link #audience()}). {@code system} marks the built-in services of {@link SystemScopes}. Ids are unique
 * within a tenant. Immutable.
 */
public record Service(String id, String tenantId, String authorizationServerId, String name, String description,
                      String type, Boolean system, String customAudience, String gatewayId,
                      Boolean withSpecification, Instant updatedAt) {

    public Service {
        system = Boolean.TRUE.equals(system);
        withSpecification = Boolean.TRUE.equals(withSpecification);
        description = description == null ? "" : description;
        customAudience = customAudience == null ? "" : customAudience;
        gatewayId = gatewayId == null ? "" : gatewayId;
    }

    /** A service with only a name, description and type (built-in services). */
    public Service(String id, String tenantId, String authorizationServerId, String name, String description,
                   String type, boolean system) {
        this(id, tenantId, authorizationServerId, name, description, type, system, "", "", false, null);
    }

    /** The {@code aud} value of this service's tokens, as Cloudentity writes it: {@code spiffe:/tid/aid/id}. */
    public String audience() {
        return "spiffe:/" + tenantId + "/" + authorizationServerId + "/" + id;
    }
}
