package dev.latchkey.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.GoDuration;
import dev.latchkey.support.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a create/update body against Cloudentity's {@code Server} schema, so that every field the spec
 * defines is accepted (nested objects included) and anything else is a 400 naming the field: unknown
 * fields at any depth, wrong JSON types, values outside an enum, invalid Go durations and timestamps.
 * {@code null} is accepted for every field, as Cloudentity's Go decoder does (the seed sends
 * {@code "keys": null}). The schema is {@code server-schema.json} beside this class, generated from
 * admin.yaml; besides the spec's fields the top level accepts the seed's {@code read_client_certificate_from_header}
 * and {@code client_certificate_header} and the read-only fields of {@code ServerResponse}, so that a
 * body read with GET can be sent back with PUT. Immutable and thread-safe.
 *
 * <p>The generator (Python 3 with PyYAML), run as {@code python3 gen.py admin.yaml > server-schema.json}:
 * <pre>
 * import json, sys, yaml
 * D = yaml.safe_load(open(sys.argv[1]))['definitions']; defs = {}
 * def reduce(s):
 *     if '$ref' in s:
 *         name = s['$ref'].split('/')[-1]
 *         if name not in defs:
 *             defs[name] = None; defs[name] = reduce(D[name])
 *         return {'$ref': name}
 *     out = {k: s[k] for k in ('type', 'enum', 'format') if k in s}
 *     if 'items' in s: out['items'] = reduce(s['items'])
 *     if 'properties' in s: out['properties'] = {k: reduce(v) for k, v in sorted(s['properties'].items())}
 *     if 'additionalProperties' in s:
 *         a = s['additionalProperties']; out['additionalProperties'] = a if isinstance(a, bool) else reduce(a)
 *     return out
 * root = reduce(D['Server'])
 * print(json.dumps({'$comment': '...', 'root': root, 'definitions': dict(sorted(defs.items()))}, indent=1))
 * </pre>
 */
public final class WorkspaceSchema {

    private static final String RESOURCE = "server-schema.json";
    /** Top-level fields accepted besides the spec's {@code Server} ones, with their JSON types. */
    private static final Map<String, String> EXTRA_TOP_LEVEL = Map.of(
            "read_client_certificate_from_header", "boolean",
            "client_certificate_header", "string",
            "issuer_url", "string",
            "mtls_issuer_url", "string",
            "theme_id", "string",
            "supported_application_purposes", "array");

    private final JsonNode root;
    private final JsonNode definitions;

    private WorkspaceSchema(JsonNode document) {
        this.root = document.get("root");
        this.definitions = document.get("definitions");
    }

    /** Loads the schema from the class path. */
    public static WorkspaceSchema load() {
        try (InputStream in = WorkspaceSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new WorkspaceSchema(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the spec's {@code Server} schema (or the accepted extras above) defines a top-level field. */
    public boolean definesTopLevel(String field) {
        return root.get("properties").has(field) || EXTRA_TOP_LEVEL.containsKey(field);
    }

    /** Throws a 400 naming the first field of {@code body} that the schema does not allow. */
    public void check(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("", "wrong type for ''", "the request body must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode schema = root.get("properties").get(field.getKey());
            if (schema == null && EXTRA_TOP_LEVEL.containsKey(field.getKey())) {
                schema = Json.MAPPER.createObjectNode().put("type", EXTRA_TOP_LEVEL.get(field.getKey()));
            }
            if (schema == null) {
                throw invalid(field.getKey(), "unknown field '" + field.getKey() + "'",
                        "the field is not defined by the Server schema");
            }
            check(schema, field.getValue(), field.getKey());
        }
    }

    private void check(JsonNode schema, JsonNode value, String path) {
        if (value == null || value.isNull()) {
            return;
        }
        if (schema.has("$ref")) {
            check(definitions.get(schema.get("$ref").asText()), value, path);
            return;
        }
        String type = schema.has("type") ? schema.get("type").asText() : schema.has("properties") ? "object" : "";
        switch (type) {
            case "string" -> checkString(schema, value, path);
            case "boolean" -> require(value.isBoolean(), path);
            case "integer" -> require(value.isIntegralNumber() && value.canConvertToLong(), path);
            case "number" -> require(value.isNumber(), path);
            case "array" -> {
                require(value.isArray(), path);
                if (schema.has("items")) {
                    for (int i = 0; i < value.size(); i++) {
                        check(schema.get("items"), value.get(i), path + "[" + i + "]");
                    }
                }
            }
            case "object" -> checkObject(schema, value, path);
            default -> {
                // no type: any JSON value
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path) {
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        if (properties == null && additional == null) {
            return; // a free-form value (Go interface{}), as the spec's bare "type: object"
        }
        require(value.isObject(), path);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path + "." + field.getKey();
            JsonNode fieldSchema = properties == null ? null : properties.get(field.getKey());
            if (fieldSchema != null) {
                check(fieldSchema, field.getValue(), fieldPath);
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), fieldPath);
            } else if (additional == null || !additional.asBoolean()) {
                throw invalid(fieldPath, "unknown field '" + fieldPath + "'",
                        "the field is not defined by the Server schema");
            }
        }
    }

    private void checkString(JsonNode schema, JsonNode value, String path) {
        require(value.isTextual(), path);
        String text = value.asText();
        JsonNode allowed = schema.get("enum");
        if (allowed != null) {
            boolean found = false;
            for (JsonNode option : allowed) {
                found |= option.asText().equals(text);
            }
            if (!found) {
                throw invalid(path, "invalid value for '" + path + "'", "must be one of " + allowed);
            }
        }
        String format = schema.has("format") ? schema.get("format").asText() : "";
        try {
            if (format.equals("duration")) {
                GoDuration.parse(text);
            } else if (format.equals("date-time")) {
                OffsetDateTime.parse(text);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(path, "invalid value for '" + path + "'", "not a valid " + format);
        }
    }

    private static void require(boolean ok, String path) {
        if (!ok) {
            throw invalid(path, "wrong type for '" + path + "'", "the value has the wrong JSON type");
        }
    }

    private static ApiException invalid(String path, String message, String cause) {
        return new ApiException(400, "bad_request", "The request body is invalid: " + message,
                Map.of("field", path, "cause", cause));
    }
}
