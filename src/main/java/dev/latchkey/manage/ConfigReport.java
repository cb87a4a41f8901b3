package dev.latchkey.manage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.support.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did or, on a dry run, would do: the ids created, updated and left unchanged by entity type
 * ({@code mfa_methods}, {@code servers}, {@code services}, {@code scopes}, {@code idps},
 * {@code clients}), and every error with its
 * path in the dump ({@code clients[3].authorization_server_id}). Not thread-safe: one per import.
 */
public final class ConfigReport {

    enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** One error: where in the dump, and what is wrong. */
    public record Error(String path, String message) {
    }

    private final Map<Outcome, Map<String, List<String>>> ids = new LinkedHashMap<>();
    private final List<Error> errors = new ArrayList<>();
    private boolean onlyConflicts = true;

    ConfigReport() {
        for (Outcome o : Outcome.values()) {
            ids.put(o, new LinkedHashMap<>());
        }
    }

    void add(Outcome outcome, String kind, String id) {
        ids.get(outcome).computeIfAbsent(kind, k -> new ArrayList<>()).add(id);
    }

    void error(String path, String message, boolean conflict) {
        errors.add(new Error(path, message));
        onlyConflicts &= conflict;
    }

    /**
     * Adds a tenant's report to this global one: ids as {@code tid/id}, each error's path through
     * {@code path} (a tenant's {@code clients[2]} is the global dump's {@code clients[7]}).
     */
    void addTenant(String tenantId, ConfigReport tenant, java.util.function.UnaryOperator<String> path) {
        tenant.ids.forEach((outcome, byKind) -> byKind.forEach((kind, list) ->
                list.forEach(id -> add(outcome, kind, tenantId + "/" + id))));
        tenant.errors.forEach(e -> errors.add(new Error(path.apply(e.path()), e.message())));
        onlyConflicts &= tenant.onlyConflicts || tenant.errors.isEmpty();
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** True when every error is an entity that already exists (mode {@code fail}): a 409 rather than a 400. */
    public boolean onlyConflicts() {
        return hasErrors() && onlyConflicts;
    }

    public List<Error> errors() {
        return List.copyOf(errors);
    }

    /** {@code {"created": {kind: [ids]}, "updated": {...}, "unchanged": {...}, "errors": [{path, message}]}}. */
    public ObjectNode toJson() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ids.forEach((outcome, byKind) -> {
            ObjectNode node = out.putObject(outcome.name().toLowerCase(java.util.Locale.ROOT));
            byKind.forEach((kind, list) -> node.set(kind, Json.MAPPER.valueToTree(list)));
        });
        ArrayNode list = out.putArray("errors");
        errors.forEach(e -> list.addObject().put("path", e.path()).put("message", e.message()));
        return out;
    }
}
