package dev.latchkey.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.http.Responses;
import dev.latchkey.manage.ConfigExport;
import dev.latchkey.manage.ConfigImport;
import dev.latchkey.manage.ConfigPatch;
import dev.latchkey.manage.ConfigReport;
import dev.latchkey.support.ApiException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Map;

/**
 * Configuration export / import of a tenant (system.yaml {@code exportTenantConfiguration},
 * {@code importTenantConfiguration}, {@code patchTenantConfiguration}): a token of the tenant's {@code system}
 * workspace with {@code read_configuration} (export) or {@code manage_configuration} (all three). Export
 * query: {@code workspace_id}, {@code with_secrets} ({@code with_keys} is refused: not built). Import and
 * patch query: {@code mode} ({@code fail} by default on PUT, {@code update} on PATCH), {@code dry_run}. A real
 * run answers 204 as Cloudentity; a dry run 200 with the report; errors 400 (409 when every error is an
 * existing entity in mode {@code fail}) with the errors in {@code details.errors}.
 */
public final class ConfigurationResource implements ApiResource {

    private static final String READ = "read_configuration";
    private static final String MANAGE = "manage_configuration";

    private final ApiCallerAuth auth;
    private final ConfigExport export;
    private final ConfigImport importer;
    private final ConfigPatch patcher;

    public ConfigurationResource(ApiCallerAuth auth, ConfigExport export, ConfigImport importer, ConfigPatch patcher) {
        this.auth = auth;
        this.export = export;
        this.importer = importer;
        this.patcher = patcher;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/system/{tid}/configuration", this::exportDump);
        routes.put("/api/system/{tid}/configuration", this::importDump);
        routes.patch("/api/system/{tid}/configuration", this::patchDump);
    }

    void exportDump(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        try {
            auth.system(req, tid, READ);
        } catch (ApiException e) {
            auth.system(req, tid, MANAGE);
        }
        refuseKeys(req);
        String workspaceId = req.query().contains("workspace_id") ? req.query().get("workspace_id") : null;
        Responses.noStore(res, 200, export.export(tid, workspaceId, flag(req, "with_secrets")));
    }

    void importDump(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        var token = auth.system(req, tid, MANAGE);
        JsonNode dump = JsonBody.read(req, JsonNode.class);
        boolean dryRun = flag(req, "dry_run");
        answer(res, importer.importDump(ApiCallerAuth.actor(req, token), tid, dump, mode(req, "fail"), dryRun),
                dryRun);
    }

    void patchDump(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        var token = auth.system(req, tid, MANAGE);
        JsonNode operations = JsonBody.read(req, JsonNode.class);
        boolean dryRun = flag(req, "dry_run");
        answer(res, patcher.patch(ApiCallerAuth.actor(req, token), tid, operations, mode(req, "update"), dryRun),
                dryRun);
    }

    /** {@code with_keys} is refused: keys are not exported (a workspace imported without keys gets new ones). */
    static void refuseKeys(ServerRequest req) {
        if (flag(req, "with_keys")) {
            throw new ApiException(400, "bad_request", "Exporting keys is not supported: a workspace imported "
                    + "without keys gets new ones", Map.of("parameter", "with_keys"));
        }
    }

    static void answer(ServerResponse res, ConfigReport report, boolean dryRun) {
        if (dryRun) {
            Responses.noStore(res, 200, report.toJson());
        } else if (report.hasErrors()) {
            List<Map<String, String>> errors = report.errors().stream()
                    .map(e -> Map.of("path", e.path(), "message", e.message())).toList();
            String first = errors.get(0).get("path") + ": " + errors.get(0).get("message");
            throw new ApiException(report.onlyConflicts() ? 409 : 400,
                    report.onlyConflicts() ? "conflict" : "bad_request",
                    "The configuration was not imported (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                            + "; first: " + first + ")", Map.of("errors", errors));
        } else {
            res.status(204).send();
        }
    }

    static ConfigImport.Mode mode(ServerRequest req, String fallback) {
        return ConfigImport.Mode.of(req.query().contains("mode") ? req.query().get("mode") : fallback);
    }

    static boolean flag(ServerRequest req, String name) {
        if (!req.query().contains(name)) {
            return false;
        }
        String value = req.query().get(name);
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new ApiException(400, "bad_request", name + " must be true or false", Map.of("parameter", name));
    }
}
