package dev.latchkey.scope;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scope of a workspace, optionally belonging to a {@link Service}, with Cloudentity's {@code Scope}
 * fields. {@code system} marks the built-in scopes of {@link SystemScopes}: they cannot be deleted or
 * renamed. Names are unique within a workspace, ids within a tenant. Flags are boxed so that documents
 * stored before a flag existed read as false; none is null once built. Immutable.
 */
public record Scope(String id, String tenantId, String authorizationServerId, String serviceId, String name,
                    String description, Boolean system, String displayName, Boolean implicit,
                    Boolean implicitGrant, @JsonProperty("transient") Boolean transientGrants,
                    Map<String, Object> metadata) {

    public Scope {
        system = Boolean.TRUE.equals(system);
        implicit = Boolean.TRUE.equals(implicit);
        implicitGrant = Boolean.TRUE.equals(implicitGrant);
        transientGrants = Boolean.TRUE.equals(transientGrants);
        description = description == null ? "" : description;
        displayName = displayName == null ? "" : displayName;
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A scope with only a name and description (built-in scopes). */
    public Scope(String id, String tenantId, String authorizationServerId, String serviceId, String name,
                 String description, boolean system) {
        this(id, tenantId, authorizationServerId, serviceId, name, description, system, "", false, false, false,
                Map.of());
    }
}
