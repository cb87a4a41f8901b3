package dev.latchkey.http.api;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.manage.ScopeAdmin;
import dev.latchkey.manage.ScopeRequest;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/**
 * Scopes (admin.yaml {@code createScope}, {@code getScope}, {@code updateScope}, {@code deleteScope},
 * {@code listScopes}; system.yaml {@code listScopesSystem} with {@code view_scopes}). As in Cloudentity, a scope's own paths carry no workspace: the scope belongs to
 * the workspace of its body's {@code authorization_server_id} (or of its service).
 */
public final class ScopeResource implements ApiResource {

    private final ApiCallerAuth auth;
    private final ScopeAdmin admin;

    public ScopeResource(ApiCallerAuth auth, ScopeAdmin admin) {
        this.auth = auth;
        this.admin = admin;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/admin/{tid}/servers/{wid}/scopes", (q, s) -> list(q, s, auth::admin));
        routes.get("/api/system/{tid}/scopes/{wid}", (q, s) -> list(q, s, auth.systemWith("view_scopes")));
        routes.post("/api/admin/{tid}/scopes", this::create);
        routes.get("/api/admin/{tid}/scopes/{scp}", this::get);
        routes.put("/api/admin/{tid}/scopes/{scp}", this::update);
        routes.delete("/api/admin/{tid}/scopes/{scp}", this::delete);
    }

    void list(ServerRequest req, ServerResponse res, ApiCallerAuth.Caller caller) {
        var p = req.path().pathParameters();
        caller.check(req, p.get("tid"));
        ETags.send(res, 200, Map.of("scopes", admin.list(p.get("tid"), p.get("wid")).stream()
                .map(ScopeViews::withService).toList()));
    }

    void create(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        var token = auth.admin(req, p.get("tid"));
        ScopeRequest body = JsonBody.read(req, ScopeRequest.class);
        ETags.send(res, 201, ScopeViews.withServiceId(admin.create(ApiCallerAuth.actor(req, token), p.get("tid"),
                body)));
    }

    void get(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        auth.admin(req, p.get("tid"));
        ETags.send(res, 200, ScopeViews.withService(admin.get(p.get("tid"), p.get("scp"))));
    }

    void update(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        var token = auth.admin(req, p.get("tid"));
        ScopeRequest body = JsonBody.read(req, ScopeRequest.class);
        ETags.send(res, 200, ScopeViews.withServiceId(admin.update(ApiCallerAuth.actor(req, token), p.get("tid"),
                p.get("scp"), body, current -> ETags.checkIfMatch(req, ScopeViews.withService(current)))));
    }

    void delete(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        var token = auth.admin(req, p.get("tid"));
        admin.delete(ApiCallerAuth.actor(req, token), p.get("tid"), p.get("scp"),
                current -> ETags.checkIfMatch(req, ScopeViews.withService(current)));
        res.status(204).send();
    }
}
