package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of createTenant, updateTenant and updateAdminTenant: Cloudentity's {@code Tenant}. {@code url}
 * is read-only (always the base URL + "/" + id) and accepted only so that a GET body can be sent back;
 * {@code jwks} (tenant keys) is not supported and, like any other field, is an unknown field (400).
 */
public record TenantInput(String id, String name, String url, JsonNode metadata, JsonNode settings,
                          JsonNode styling) {
}
