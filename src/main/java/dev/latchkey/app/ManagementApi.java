package dev.latchkey.app;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.http.api.AdminTenantResource;
import dev.latchkey.http.api.AuditEventsResource;
import dev.latchkey.http.api.ApiResource;
import dev.latchkey.http.api.ClientsJson;
import dev.latchkey.http.api.ClientsResource;
import dev.latchkey.http.api.IdpResource;
import dev.latchkey.http.api.KeysResource;
import dev.latchkey.http.api.MfaMethodsResource;
import dev.latchkey.http.api.ScopeResource;
import dev.latchkey.http.api.ServersResource;
import dev.latchkey.http.api.ServiceResource;
import dev.latchkey.http.api.TenantsResource;
import dev.latchkey.manage.ClientAdmin;
import dev.latchkey.manage.MfaAdmin;
import dev.latchkey.manage.TenantAdmin;
import dev.latchkey.manage.WorkspaceAdmin;
import dev.latchkey.mfa.JdbiMfaMethodRepository;

import java.util.List;

/** The management API resources (Admin, System, root, Developer), built from the core. */
final class ManagementApi {

    private ManagementApi() {
    }

    static List<ApiResource> resources(Core core, ApiCallerAuth auth, String baseUrl, RateLimiting rateLimiting) {
        var tenants = new TenantAdmin(core.database(), core.tenants(), core.provisioning(), core.clients(), core.keys(),
                core.audit(), core.bus(), core.ids(), core.randomness(), core.clock(), baseUrl);
        return List.of(
                rateLimiting.resource(auth),
                new AuditEventsResource(auth, core.auditEvents()),
                new AdminTenantResource(auth, tenants),
                new TenantsResource(auth, tenants, new ClientsJson(baseUrl, core.clock())),
                new KeysResource(auth, core.keyManagement(), core.keyScheduling()),
                new IdpResource(auth, core.idps()),
                new ScopeResource(auth, core.scopeAdmin()),
                new ServiceResource(auth, core.serviceAdmin()),
                new MfaMethodsResource(auth, MfaAdmin.withStandardSenders(new JdbiMfaMethodRepository(core.database().jdbi(), core.box(), core.clock()), core.database(), core.audit(), core.bus(), core.ids(), core.randomness(), core.clock())),
                new ClientsResource(auth, new ClientAdmin(core.database(), core.clients(), core.workspaces(), core.scopes(), core.audit(), core.bus(), core.clock(), core.randomness(), core.ids()), new ClientsJson(baseUrl, core.clock())),
                new ServersResource(auth, new WorkspaceAdmin(core.database(), core.workspaces(), core.keys(), core.scopes(), core.clients(), core.audit(), core.bus(), core.ids(), core.randomness(), core.clock(), baseUrl)));
    }
}
