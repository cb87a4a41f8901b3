package dev.latchkey.tenant;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A tenant: the top-level owner of workspaces (Cloudentity's {@code tid}). {@code metadata},
 * {@code settings} and {@code styling} are Cloudentity's free-form {@code Tenant} members, kept as given
 * (JSON objects, or null when never set). Its {@code url} is not stored: it is always the server's base
 * URL + "/" + id.
 */
public record Tenant(String id, String name, JsonNode metadata, JsonNode settings, JsonNode styling,
                     Instant createdAt) {

    /** A JSON {@code null} (as a stored document reads back) is no value. */
    public Tenant {
        metadata = absentIfNull(metadata);
        settings = absentIfNull(settings);
        styling = absentIfNull(styling);
    }

    /** A tenant with only an id and a name (the bootstrap's {@code system} and {@code default}). */
    public Tenant(String id, String name, Instant createdAt) {
        this(id, name, null, null, null, createdAt);
    }

    /** This tenant with new descriptive members; the id and creation time stay. */
    public Tenant with(String newName, JsonNode newMetadata, JsonNode newSettings, JsonNode newStyling) {
        return new Tenant(id, newName, newMetadata, newSettings, newStyling, createdAt);
    }

    private static JsonNode absentIfNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
