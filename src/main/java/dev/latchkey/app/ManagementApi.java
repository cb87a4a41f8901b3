package dev.latchkey.app;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.http.api.AdminTenantResource;
import dev.latchkey.http.api.AuditEventsResource;
import dev.latchkey.http.api.ApiResource;
import dev.latchkey.http.api.ClientsJson;
import dev.latchkey.http.api.ClientsResource;
import dev.latchkey.http.api.ConfigurationResource;
import dev.latchkey.http.api.GlobalConfigurationResource;
import dev.latchkey.http.api.IdpResource;
import dev.latchkey.http.api.KeysResource;
import dev.latchkey.http.api.MfaMethodsResource;
import dev.latchkey.http.api.ScopeResource;
import dev.latchkey.http.api.ServersResource;
import dev.latchkey.http.api.ServiceResource;
import dev.latchkey.http.api.TenantsResource;
import dev.latchkey.http.api.TokensResource;
import dev.latchkey.idp.JdbiIdpRepository;
import dev.latchkey.manage.ClientAdmin;
import dev.latchkey.manage.ConfigAdmins;
import dev.latchkey.manage.ConfigExport;
import dev.latchkey.manage.ConfigImport;
import dev.latchkey.manage.ConfigPatch;
import dev.latchkey.manage.GlobalConfig;
import dev.latchkey.manage.RateLimitAdmin;
import dev.latchkey.ratelimit.JdbiRateLimitRepository;
import dev.latchkey.manage.IdpAdmin;
import dev.latchkey.manage.ScopeAdmin;
import dev.latchkey.manage.ServiceAdmin;
import dev.latchkey.manage.MfaAdmin;
import dev.latchkey.manage.TenantAdmin;
import dev.latchkey.manage.TokenAdmin;
import dev.latchkey.manage.WorkspaceAdmin;
import dev.latchkey.mfa.JdbiMfaMethodRepository;
import dev.latchkey.store.ChangeBus;

import java.util.List;

/** The management API resources (Admin, System, root, Developer), built from the core. */
final class ManagementApi {

    private ManagementApi() {
    }

    static List<ApiResource> resources(Core core, OAuthParts oauth, ApiCallerAuth auth, String baseUrl,
                                       RateLimiting rateLimiting) {
        var tenants = new TenantAdmin(core.database(), core.tenants(), core.provisioning(), core.clients(), core.keys(),
                core.audit(), core.bus(), core.ids(), core.randomness(), core.clock(), baseUrl);
        var resources = new java.util.ArrayList<ApiResource>(List.of(
                rateLimiting.resource(auth),
                new AuditEventsResource(auth, core.auditEvents()),
                new TokensResource(auth, new TokenAdmin(oauth.revocations(), core.workspaces(), core.audit(),
                        core.clock())),
                new AdminTenantResource(auth, tenants),
                new TenantsResource(auth, tenants, new ClientsJson(baseUrl, core.clock())),
                new KeysResource(auth, core.keyManagement(), core.keyScheduling()),
                new IdpResource(auth, core.idps()),
                new ScopeResource(auth, core.scopeAdmin()),
                new ServiceResource(auth, core.serviceAdmin()),
                new MfaMethodsResource(auth, MfaAdmin.withStandardSenders(new JdbiMfaMethodRepository(core.database().jdbi(), core.box(), core.clock()), core.database(), core.audit(), core.bus(), core.ids(), core.randomness(), core.clock())),
                new ClientsResource(auth, new ClientAdmin(core.database(), core.clients(), core.workspaces(), core.scopes(), core.audit(), core.bus(), core.clock(), core.randomness(), core.ids()), new ClientsJson(baseUrl, core.clock())),
                new ServersResource(auth, new WorkspaceAdmin(core.database(), core.workspaces(), core.keys(), core.scopes(), core.clients(), core.audit(), core.bus(), core.ids(), core.randomness(), core.clock(), baseUrl), core.bus())));
        resources.addAll(configuration(core, auth, baseUrl, tenants));
        return resources;
    }

    /**
     * Configuration export / import of a tenant and, on the root API, of every tenant with their rate limits:
     * the import writes through Admin services built on its own held-back bus.
     */
    private static List<ApiResource> configuration(Core core, ApiCallerAuth auth, String baseUrl,
                                                   TenantAdmin tenants) {
        var idps = new JdbiIdpRepository(core.database().jdbi(), core.box(), core.clock());
        var mfa = new JdbiMfaMethodRepository(core.database().jdbi(), core.box(), core.clock());
        ConfigAdmins.Factory admins = (ChangeBus bus) -> new ConfigAdmins(
                new WorkspaceAdmin(core.database(), core.workspaces(), core.keys(), core.scopes(), core.clients(), core.audit(), bus, core.ids(), core.randomness(), core.clock(), baseUrl),
                new ServiceAdmin(core.scopes(), core.workspaces(), core.database(), core.audit(), bus, core.ids(), core.clock()),
                new ScopeAdmin(core.scopes(), core.workspaces(), core.database(), core.audit(), bus, core.ids()),
                new IdpAdmin(idps, core.workspaces(), core.database(), core.audit(), bus, core.ids()),
                new ClientAdmin(core.database(), core.clients(), core.workspaces(), core.scopes(), core.audit(), bus, core.clock(), core.randomness(), core.ids()),
                MfaAdmin.withStandardSenders(mfa, core.database(), core.audit(), bus, core.ids(), core.randomness(), core.clock()));
        var export = new ConfigExport(core.tenants(), core.workspaces(), core.clients(), idps, core.scopes(), mfa, core.clock(), baseUrl);
        var importer = new ConfigImport(core.database(), core.bus(), admins, core.workspaces(), core.clients(), idps, core.scopes(), mfa, core.clock(), baseUrl);
        var limits = new JdbiRateLimitRepository(core.database().jdbi());
        var global = new GlobalConfig(core.database(), core.bus(), core.tenants(), tenants, core.provisioning(),
                core.workspaces(), limits, export, importer, bus -> new RateLimitAdmin(limits, core.tenants(),
                core.database(), core.audit(), bus), core.clock());
        return List.of(new ConfigurationResource(auth, export, importer, new ConfigPatch(export, importer)),
                new GlobalConfigurationResource(auth, global));
    }
}
