package dev.latchkey.scope;

/** A scope of a workspace, optionally belonging to a {@link Service}. */
public record Scope(String id, String tenantId, String authorizationServerId, String serviceId, String name,
                    String description, boolean system) {
}
