package dev.latchkey.http.api;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.http.Responses;
import dev.latchkey.support.ApiException;
import dev.latchkey.tenant.Tenant;
import dev.latchkey.tenant.TenantRepository;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/admin/{tid}/tenant} (getAdminTenant): the tenant admin's view of its own tenant. */
public final class AdminTenantResource implements ApiResource {

    private final ApiCallerAuth auth;
    private final TenantRepository tenants;
    private final String baseUrl;

    public AdminTenantResource(ApiCallerAuth auth, TenantRepository tenants, String baseUrl) {
        this.auth = auth;
        this.tenants = tenants;
        this.baseUrl = baseUrl;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/admin/{tid}/tenant", this::get);
    }

    void get(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        auth.admin(req, tid);
        Tenant tenant = tenants.find(tid).orElseThrow(() -> ApiException.notFound("Tenant not found"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", tenant.id());
        body.put("name", tenant.name());
        body.put("url", baseUrl + "/" + tenant.id());
        Responses.json(res, 200, body);
    }
}
