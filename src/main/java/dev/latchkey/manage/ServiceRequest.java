package dev.latchkey.manage;

import java.time.Instant;

/**
 * Body of {@code createService} and {@code updateService} (Cloudentity's {@code Service}). {@code system},
 * {@code with_specification} and {@code updated_at} are read-only: accepted so a service read can be
 * written back, and ignored (a new service cannot claim to be a system service).
 */
public record ServiceRequest(String id, String name, String description, String tenantId,
                             String authorizationServerId, String type, Boolean system, String customAudience,
                             String gatewayId, Boolean withSpecification, Instant updatedAt) {
}
