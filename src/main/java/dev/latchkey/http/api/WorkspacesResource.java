package dev.latchkey.http.api;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.manage.WorkspaceAdmin;
import dev.latchkey.manage.WorkspaceAdminList;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static dev.latchkey.http.api.ServersResource.query;

/**
 * The lighter workspace listing of admin.yaml ({@code listWorkspaces}: {@code {"workspaces":
 * [WorkspaceResponse]}}) and {@code getWorkspace}, whose response is, as in the spec, the full
 * {@code ServerResponse}. Token of the tenant's {@code admin} workspace.
 */
public final class WorkspacesResource implements ApiResource {

    private final ApiCallerAuth auth;
    private final WorkspaceAdmin admin;
    private final Handler get;

    /** {@code get}: getAuthorizationServer's handler, which answers getWorkspace too (the same response). */
    public WorkspacesResource(ApiCallerAuth auth, WorkspaceAdmin admin, Handler get) {
        this.auth = auth;
        this.admin = admin;
        this.get = get;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/admin/{tid}/workspaces", this::list);
        routes.get("/api/admin/{tid}/workspaces/{wid}", get);
    }

    void list(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        auth.admin(req, tid);
        ETags.send(res, 200, admin.listWorkspaces(tid, new WorkspaceAdminList(query(req, "workspace_types"),
                query(req, "search_phrase"), query(req, "after_workspace_id"), query(req, "before_workspace_id"),
                query(req, "sort"), query(req, "order"), query(req, "limit"), query(req, "template"),
                query(req, "theme_id"))));
    }
}
