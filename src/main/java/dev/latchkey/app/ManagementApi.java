package dev.latchkey.app;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.http.api.AdminTenantResource;
import dev.latchkey.http.api.ApiResource;

import java.util.List;

/** The management API resources (Admin, System, root, Developer), built from the core. */
final class ManagementApi {

    private ManagementApi() {
    }

    static List<ApiResource> resources(Core core, ApiCallerAuth auth, String baseUrl, RateLimiting rateLimiting) {
        return List.of(
                rateLimiting.resource(auth),
                new AdminTenantResource(auth, core.tenants(), baseUrl));
    }
}
