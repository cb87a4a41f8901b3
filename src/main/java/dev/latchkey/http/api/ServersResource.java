package dev.latchkey.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.manage.WorkspaceAdmin;
import dev.latchkey.manage.WorkspaceAdminList;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.support.ApiException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Map;

/**
 * Workspaces as Cloudentity's authorization servers (admin.yaml {@code createAuthorizationServer},
 * {@code listAuthorizationServers}, {@code getAuthorizationServer}, {@code updateAuthorizationServer},
 * {@code deleteAuthorizationServer}), called with a token of the tenant's {@code admin} workspace; the System
 * API's {@code deleteAuthorizationServer} with a token of its {@code system} workspace with {@code manage_servers}.
 * Responses carry an ETag; {@code If-Match} is honoured on GET, PUT and DELETE (412). Registers the
 * {@code /workspaces} views ({@link WorkspacesResource}) too.
 */
public final class ServersResource implements ApiResource {

    private final ApiCallerAuth auth;
    private final WorkspaceAdmin admin;
    private final ServerViews views;

    /** {@code bus}: the node's change bus, whose changes drop the cached answers of {@link #get}. */
    public ServersResource(ApiCallerAuth auth, WorkspaceAdmin admin, ChangeBus bus) {
        this.auth = auth;
        this.admin = admin;
        this.views = new ServerViews(bus);
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/admin/{tid}/servers", this::list);
        routes.post("/api/admin/{tid}/servers", this::create);
        routes.get("/api/admin/{tid}/servers/{wid}", this::get);
        routes.put("/api/admin/{tid}/servers/{wid}", this::update);
        routes.delete("/api/admin/{tid}/servers/{wid}", (q, s) -> delete(q, s, auth::admin));
        routes.delete("/api/system/{tid}/servers/{wid}", (q, s) -> delete(q, s, auth.systemWith("manage_servers")));
        new WorkspacesResource(auth, admin, this::get).register(routes);
    }

    void list(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        auth.admin(req, tid);
        ETags.send(res, 200, admin.listServers(tid, new WorkspaceAdminList(query(req, "server_types"),
                query(req, "search_phrase"), query(req, "after_server_id"), query(req, "before_server_id"),
                query(req, "sort"), query(req, "order"), query(req, "limit"), null, null)));
    }

    void create(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        var token = auth.admin(req, tid);
        boolean demo = Boolean.TRUE.equals(WorkspaceAdminList.bool(query(req, "with_demo_client"), "with_demo_client"));
        JsonNode body = JsonBody.read(req, JsonNode.class);
        ETags.send(res, 201, admin.create(ApiCallerAuth.actor(req, token), tid, body, demo));
    }

    /** getAuthorizationServer and getWorkspace: the cached answer ({@link ServerViews}), If-Match checked. */
    void get(ServerRequest req, ServerResponse res) {
        var path = req.path().pathParameters();
        auth.admin(req, path.get("tid"));
        ServerViews.View view = views.get(path.get("tid"), path.get("wid"),
                () -> admin.get(path.get("tid"), path.get("wid"), current -> { }));
        ETags.checkIfMatchTag(req, view.etag());
        ETags.send(res, 200, view.json(), view.etag());
    }

    void update(ServerRequest req, ServerResponse res) {
        var path = req.path().pathParameters();
        var token = auth.admin(req, path.get("tid"));
        JsonNode body = JsonBody.read(req, JsonNode.class);
        ETags.send(res, 200, admin.update(ApiCallerAuth.actor(req, token), path.get("tid"), path.get("wid"), body,
                current -> ETags.checkIfMatch(req, current)));
    }

    void delete(ServerRequest req, ServerResponse res, ApiCallerAuth.Caller caller) {
        var path = req.path().pathParameters();
        var token = caller.check(req, path.get("tid"));
        admin.delete(ApiCallerAuth.actor(req, token), path.get("tid"), path.get("wid"),
                current -> ETags.checkIfMatch(req, current));
        res.status(204).send();
    }

    /** A query parameter's value; given twice it is a 400 (which one would count is unclear). */
    static String query(ServerRequest req, String name) {
        if (!req.query().contains(name)) {
            return null;
        }
        List<String> values = req.query().all(name);
        if (values.size() > 1) {
            throw new ApiException(400, "bad_request", "Invalid query parameter: " + name + " is given more than once",
                    Map.of("parameter", name));
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
