package dev.latchkey.store;

/**
 * A committed change to stored configuration, fanned out to every node so that caches drop what it
 * touched. {@code kind} names the entity ("workspace", "client", "keys", "scope", "tenant").
 */
public record Change(String kind, String tenantId, String workspaceId, String id) {
}
