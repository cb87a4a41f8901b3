package dev.latchkey.scope;

/**
 * A service (API) of a workspace: scopes belong to services, and a token's {@code aud} names the services
 * whose scopes it carries, as {@code spiffe:/tid/aid/service-id}.
 */
public record Service(String id, String tenantId, String authorizationServerId, String name, String description,
                      String type, boolean system) {
}
