package dev.latchkey.tenant;

import java.time.Instant;

/** A tenant: the top-level owner of workspaces (Cloudentity's {@code tid}). */
public record Tenant(String id, String name, Instant createdAt) {
}
