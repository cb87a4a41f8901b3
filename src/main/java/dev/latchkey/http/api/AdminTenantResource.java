package dev.latchkey.http.api;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.manage.TenantAdmin;
import dev.latchkey.manage.TenantInput;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET}/{@code PUT /api/admin/{tid}/tenant} (getAdminTenant, updateAdminTenant): the tenant admin's
 * view of its own tenant; it may change its name, metadata, settings and styling (as updateTenant).
 */
public final class AdminTenantResource implements ApiResource {

    private final ApiCallerAuth auth;
    private final TenantAdmin admin;

    public AdminTenantResource(ApiCallerAuth auth, TenantAdmin admin) {
        this.auth = auth;
        this.admin = admin;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/admin/{tid}/tenant", this::get);
        routes.put("/api/admin/{tid}/tenant", this::update);
    }

    void get(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        auth.admin(req, tid);
        ETags.send(res, 200, admin.get(tid, current -> ETags.checkIfMatch(req, current)));
    }

    void update(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        var token = auth.admin(req, tid);
        TenantInput body = JsonBody.read(req, TenantInput.class);
        ETags.send(res, 200, admin.update(ApiCallerAuth.actor(req, token), tid, body,
                current -> ETags.checkIfMatch(req, current)));
    }
}
