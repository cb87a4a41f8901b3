package dev.latchkey.http.api;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.manage.ServiceAdmin;
import dev.latchkey.manage.ServiceQuery;
import dev.latchkey.manage.ServiceRequest;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/**
 * Services (admin.yaml {@code createService}, {@code getService}, {@code updateService},
 * {@code deleteService}, {@code listServices}). Like scopes, a service's own paths carry no workspace:
 * it belongs to the workspace of its body's {@code authorization_server_id}.
 */
public final class ServiceResource implements ApiResource {

    private final ApiCallerAuth auth;
    private final ServiceAdmin admin;

    public ServiceResource(ApiCallerAuth auth, ServiceAdmin admin) {
        this.auth = auth;
        this.admin = admin;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/admin/{tid}/servers/{wid}/services", this::list);
        routes.post("/api/admin/{tid}/services", this::create);
        routes.get("/api/admin/{tid}/services/{sid}", this::get);
        routes.put("/api/admin/{tid}/services/{sid}", this::update);
        routes.delete("/api/admin/{tid}/services/{sid}", this::delete);
    }

    void list(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        auth.admin(req, p.get("tid"));
        var q = req.query();
        ServiceQuery query = ServiceQuery.parse(q.first("service_types").orElse(null),
                q.first("search_phrase").orElse(null), q.first("after_service_id").orElse(null),
                q.first("before_service_id").orElse(null), q.first("sort").orElse(null),
                q.first("order").orElse(null), q.first("limit").orElse(null));
        ETags.send(res, 200, Map.of("services", admin.list(p.get("tid"), p.get("wid"), query).stream()
                .map(ServiceViews::listItem).toList()));
    }

    void create(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        var token = auth.admin(req, p.get("tid"));
        ServiceRequest body = JsonBody.read(req, ServiceRequest.class);
        ETags.send(res, 201, ServiceViews.withAudience(admin.create(ApiCallerAuth.actor(req, token), p.get("tid"),
                body)));
    }

    void get(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        auth.admin(req, p.get("tid"));
        ETags.send(res, 200, ServiceViews.withScopes(admin.get(p.get("tid"), p.get("sid"))));
    }

    void update(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        var token = auth.admin(req, p.get("tid"));
        ServiceRequest body = JsonBody.read(req, ServiceRequest.class);
        ETags.send(res, 200, ServiceViews.withAudience(admin.update(ApiCallerAuth.actor(req, token), p.get("tid"),
                p.get("sid"), body, current -> ETags.checkIfMatch(req, ServiceViews.withScopes(current)))));
    }

    void delete(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        var token = auth.admin(req, p.get("tid"));
        admin.delete(ApiCallerAuth.actor(req, token), p.get("tid"), p.get("sid"),
                current -> ETags.checkIfMatch(req, ServiceViews.withScopes(current)));
        res.status(204).send();
    }
}
