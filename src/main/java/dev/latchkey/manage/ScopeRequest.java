package dev.latchkey.manage;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * Body of {@code createScope} (Cloudentity's {@code ScopeWithServiceID}) and {@code updateScope}
 * ({@code Scope}; a {@code service_id} equal to the scope's own is tolerated there, so a scope read with
 * its service id can be written back). Absent or null flags are false.
 */
public record ScopeRequest(String id, String name, String displayName, String description, String tenantId,
                           String authorizationServerId, Boolean implicit, Boolean implicitGrant,
                           @JsonProperty("transient") Boolean transientGrants, Map<String, Object> metadata,
                           String serviceId) {
}
