package dev.latchkey.http.api;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.idp.StaticIdp;
import dev.latchkey.manage.IdpAdmin;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;

/**
 * Identity providers of a workspace (admin.yaml {@code listIDPs}, {@code createStaticIDP},
 * {@code getStaticIDP}, {@code updateStaticIDP}, {@code deleteIDP}). The static IDP is returned whole,
 * mock users' passwords included, as the seed document's sample response shows it; the list gives
 * {@code IDPBase} items, without credentials.
 */
public final class IdpResource implements ApiResource {

    private static final String IDPS = "/api/admin/{tid}/servers/{wid}/idps";

    private final ApiCallerAuth auth;
    private final IdpAdmin admin;

    public IdpResource(ApiCallerAuth auth, IdpAdmin admin) {
        this.auth = auth;
        this.admin = admin;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get(IDPS, this::list);
        routes.post(IDPS + "/static", this::create);
        routes.get(IDPS + "/static/{iid}", this::get);
        routes.put(IDPS + "/static/{iid}", this::update);
        routes.delete(IDPS + "/{iid}", this::delete);
    }

    void list(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        auth.admin(req, p.get("tid"));
        ETags.send(res, 200, Map.of("idps", admin.list(p.get("tid"), p.get("wid"))));
    }

    void create(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        var token = auth.admin(req, p.get("tid"));
        StaticIdp body = JsonBody.read(req, StaticIdp.class);
        ETags.send(res, 201, admin.createStatic(ApiCallerAuth.actor(req, token), p.get("tid"), p.get("wid"), body));
    }

    void get(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        auth.admin(req, p.get("tid"));
        ETags.send(res, 200, admin.getStatic(p.get("tid"), p.get("wid"), p.get("iid")));
    }

    void update(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        var token = auth.admin(req, p.get("tid"));
        StaticIdp body = JsonBody.read(req, StaticIdp.class);
        ETags.send(res, 200, admin.updateStatic(ApiCallerAuth.actor(req, token), p.get("tid"), p.get("wid"),
                p.get("iid"), body, current -> ETags.checkIfMatch(req, current)));
    }

    void delete(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        var token = auth.admin(req, p.get("tid"));
        admin.delete(ApiCallerAuth.actor(req, token), p.get("tid"), p.get("wid"), p.get("iid"),
                current -> ETags.checkIfMatch(req, current));
        res.status(204).send();
    }
}
