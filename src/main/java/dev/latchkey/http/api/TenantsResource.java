package dev.latchkey.http.api;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.http.Responses;
import dev.latchkey.manage.TenantAdmin;
import dev.latchkey.manage.TenantInput;
import dev.latchkey.manage.WorkspaceAdminList;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Root API tenants (root.yaml listTenants, createTenant, getTenant, updateTenant, deleteTenant), called
 * with a token of the {@code system} tenant's {@code system} or {@code admin} workspace. Thin: the rules
 * are {@link TenantAdmin}'s.
 */
public final class TenantsResource implements ApiResource {

    private final ApiCallerAuth auth;
    private final TenantAdmin admin;
    private final ClientsJson clientsJson;

    public TenantsResource(ApiCallerAuth auth, TenantAdmin admin, ClientsJson clientsJson) {
        this.auth = auth;
        this.admin = admin;
        this.clientsJson = clientsJson;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/system/tenants", this::list);
        routes.post("/api/system/tenants", this::create);
        routes.get("/api/system/tenants/{tid}", this::get);
        routes.put("/api/system/tenants/{tid}", this::update);
        routes.delete("/api/system/tenants/{tid}", this::delete);
    }

    void list(ServerRequest req, ServerResponse res) {
        auth.root(req);
        ETags.send(res, 200, admin.list(ServersResource.query(req, "query")));
    }

    void create(ServerRequest req, ServerResponse res) {
        var token = auth.root(req);
        boolean withDefault = Boolean.TRUE.equals(WorkspaceAdminList.bool(
                ServersResource.query(req, "with_default_workspaces"), "with_default_workspaces"));
        TenantInput body = JsonBody.read(req, TenantInput.class);
        TenantAdmin.Created created = admin.create(ApiCallerAuth.actor(req, token), body, withDefault);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenant", created.tenant());
        out.put("servers", created.servers());
        out.put("clients", created.clients().stream().map(clientsJson::body).toList());
        out.put("idps", List.of());
        res.header("Location", "/api/system/tenants/" + created.tenant().get("id").asText());
        Responses.json(res, 201, out);
    }

    void get(ServerRequest req, ServerResponse res) {
        auth.root(req);
        String tid = req.path().pathParameters().get("tid");
        ETags.send(res, 200, admin.get(tid, current -> ETags.checkIfMatch(req, current)));
    }

    void update(ServerRequest req, ServerResponse res) {
        var token = auth.root(req);
        String tid = req.path().pathParameters().get("tid");
        TenantInput body = JsonBody.read(req, TenantInput.class);
        ETags.send(res, 200, admin.update(ApiCallerAuth.actor(req, token), tid, body,
                current -> ETags.checkIfMatch(req, current)));
    }

    void delete(ServerRequest req, ServerResponse res) {
        var token = auth.root(req);
        String tid = req.path().pathParameters().get("tid");
        admin.delete(ApiCallerAuth.actor(req, token), tid, current -> ETags.checkIfMatch(req, current));
        res.status(204).send();
    }
}
