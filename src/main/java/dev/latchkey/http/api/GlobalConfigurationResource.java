package dev.latchkey.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.http.Responses;
import dev.latchkey.manage.GlobalConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The root API's global configuration (root.yaml {@code exportConfiguration}, {@code importConfiguration},
 * {@code patchConfiguration}),
 * called as every root API with a token of the {@code system} tenant ({@link ApiCallerAuth#root}). Export
 * query: {@code tid} (one tenant; every tenant when absent), {@code workspace_id} (with {@code tid}),
 * {@code with_secrets}. Import query: {@code mode} ({@code fail} by default), {@code dry_run}; answers as the
 * tenant import ({@link ConfigurationResource}): 204, a dry run's 200 report, or 400/409 with every error.
 * Patch: RFC 6902 operations on the export with secrets (of {@code tid} only when given), then imported
 * ({@code mode} {@code update} by default, {@code dry_run}).
 */
public final class GlobalConfigurationResource implements ApiResource {

    private final ApiCallerAuth auth;
    private final GlobalConfig config;

    public GlobalConfigurationResource(ApiCallerAuth auth, GlobalConfig config) {
        this.auth = auth;
        this.config = config;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/system/configuration", this::exportDump);
        routes.put("/api/system/configuration", this::importDump);
        routes.patch("/api/system/configuration", this::patchDump);
    }

    void exportDump(ServerRequest req, ServerResponse res) {
        auth.root(req);
        var query = req.query();
        ConfigurationResource.refuseKeys(req);
        Responses.noStore(res, 200, config.export(query.contains("tid") ? query.get("tid") : null,
                query.contains("workspace_id") ? query.get("workspace_id") : null,
                ConfigurationResource.flag(req, "with_secrets")));
    }

    void importDump(ServerRequest req, ServerResponse res) {
        var token = auth.root(req);
        JsonNode dump = JsonBody.read(req, JsonNode.class);
        boolean dryRun = ConfigurationResource.flag(req, "dry_run");
        ConfigurationResource.answer(res, config.importDump(ApiCallerAuth.actor(req, token), dump,
                ConfigurationResource.mode(req, "fail"), dryRun), dryRun);
    }

    void patchDump(ServerRequest req, ServerResponse res) {
        var token = auth.root(req);
        JsonNode operations = JsonBody.read(req, JsonNode.class);
        boolean dryRun = ConfigurationResource.flag(req, "dry_run");
        String tid = req.query().contains("tid") ? req.query().get("tid") : null;
        ConfigurationResource.answer(res, config.patch(ApiCallerAuth.actor(req, token), tid, operations,
                ConfigurationResource.mode(req, "update"), dryRun), dryRun);
    }
}
