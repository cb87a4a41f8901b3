package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import dev.latchkey.support.ApiException;

import java.util.Map;

/**
 * System API {@code patchTenantConfiguration}: RFC 6902 operations (zjsonpatch) applied to the tenant's
 * current export, secrets included, which is then imported (mode {@code update} unless another is given)
 * with the import's rules: validated whole, one transaction. A patch that is not an operation list or does
 * not apply is a 400. Thread-safe.
 */
public final class ConfigPatch {

    private final ConfigExport export;
    private final ConfigImport importer;

    public ConfigPatch(ConfigExport export, ConfigImport importer) {
        this.export = export;
        this.importer = importer;
    }

    public ConfigReport patch(Actor actor, String tenantId, JsonNode operations, ConfigImport.Mode mode,
                              boolean dryRun) {
        return importer.importDump(actor, tenantId, apply(operations, export.export(tenantId, null, true)), mode,
                dryRun);
    }

    /** {@code current} with RFC 6902 {@code operations} applied; not an operation list, or one that fails: 400. */
    static JsonNode apply(JsonNode operations, JsonNode current) {
        if (operations == null || !operations.isArray()) {
            throw ApiException.badRequest("The patch must be a JSON array of RFC 6902 operations");
        }
        try {
            JsonPatch.validate(operations);
            return JsonPatch.apply(operations, current);
        } catch (JsonPatchApplicationException e) {
            throw new ApiException(400, "bad_request", "The patch does not apply: " + firstLine(e.getMessage()),
                    Map.of());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid operation";
        }
        int newline = message.indexOf('\n');
        String line = newline >= 0 ? message.substring(0, newline) : message;
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
