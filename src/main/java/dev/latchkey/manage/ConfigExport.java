package dev.latchkey.manage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientQuery;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.idp.IdpBase;
import dev.latchkey.idp.IdpRepository;
import dev.latchkey.idp.StaticIdp;
import dev.latchkey.mfa.MfaMethod;
import dev.latchkey.mfa.MfaMethodRepository;
import dev.latchkey.scope.Scope;
import dev.latchkey.scope.ScopeRepository;
import dev.latchkey.scope.Service;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import dev.latchkey.tenant.Tenant;
import dev.latchkey.tenant.TenantRepository;
import dev.latchkey.workspace.Workspace;
import dev.latchkey.workspace.WorkspaceQuery;
import dev.latchkey.workspace.WorkspaceRepository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration export (System API {@code exportTenantConfiguration}): a tenant's workspaces ({@code servers}),
 * applications ({@code clients}), static IDPs ({@code idps}), user services ({@code services}), their and
 * workspace-level scopes ({@code scopes}) and the tenant's MFA methods ({@code mfa_methods}, whole-tenant exports only) as one {@code TenantDump}, each entity in the shape the Admin API
 * accepts ({@link ConfigViews}), in a stable order (by id). Built-in services and scopes are left out: a
 * workspace brings its own. Secrets only when asked; keys never (see docs/api-compatibility.md). Thread-safe.
 */
public final class ConfigExport {

    static final List<String> WORKSPACE_TYPES = List.of("admin", "developer", "system", "regular", "organization");
    private static final int PAGE = 500;

    private final TenantRepository tenants;
    private final WorkspaceRepository workspaces;
    private final ClientRepository clients;
    private final IdpRepository idps;
    private final ScopeRepository scopes;
    private final MfaMethodRepository mfa;
    private final ConfigViews views;
    private final Clock clock;

    public ConfigExport(TenantRepository tenants, WorkspaceRepository workspaces, ClientRepository clients,
                        IdpRepository idps, ScopeRepository scopes, MfaMethodRepository mfa, Clock clock,
                        String baseUrl) {
        this.tenants = tenants;
        this.workspaces = workspaces;
        this.clients = clients;
        this.idps = idps;
        this.scopes = scopes;
        this.mfa = mfa;
        this.clock = clock;
        this.views = new ConfigViews(baseUrl);
    }

    /** The dump of {@code tenantId}, or of its workspace {@code workspaceId} only when that is not null. */
    public ObjectNode export(String tenantId, String workspaceId, boolean withSecrets) {
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> ApiException.notFound("Tenant not found"));
        List<Workspace> selected = workspaceId == null ? all(tenantId)
                : List.of(workspaces.find(tenantId, workspaceId)
                        .orElseThrow(() -> ApiException.notFound("Workspace not found")));
        ObjectNode dump = Json.MAPPER.createObjectNode();
        dump.putObject("tenant").put("id", tenant.id()).put("name", tenant.name());
        ArrayNode servers = dump.putArray("servers");
        ArrayNode clientList = dump.putArray("clients");
        ArrayNode idpList = dump.putArray("idps");
        ArrayNode services = dump.putArray("services");
        ArrayNode scopeList = dump.putArray("scopes");
        ArrayNode mfaList = dump.putArray("mfa_methods");
        if (workspaceId == null) { // MFA methods belong to the tenant, not to a workspace
            mfa.list(tenantId).stream().sorted(java.util.Comparator.comparing(MfaMethod::id))
                    .forEach(m -> mfaList.add(ConfigViews.mfa(m, withSecrets)));
        }
        for (Workspace w : selected) {
            servers.add(views.server(w, withSecrets));
            clientsOf(w).forEach(c -> clientList.add(ConfigViews.client(c, clock.instant(), withSecrets)));
            idps.list(tenantId, w.id()).stream().filter(i -> StaticIdp.METHOD.equals(i.method()))
                    .map(IdpBase::id).sorted()
                    .forEach(id -> idps.findStatic(tenantId, w.id(), id)
                            .ifPresent(i -> idpList.add(ConfigViews.idp(i, withSecrets))));
            scopes.servicesOf(tenantId, w.id()).stream().filter(s -> !s.system())
                    .sorted(java.util.Comparator.comparing(Service::id))
                    .forEach(s -> services.add(ConfigViews.service(s)));
            scopes.scopesOf(tenantId, w.id()).stream().filter(s -> !s.system())
                    .sorted(java.util.Comparator.comparing(Scope::id))
                    .forEach(s -> scopeList.add(ConfigViews.scope(s)));
        }
        return dump;
    }

    private List<Workspace> all(String tenantId) {
        List<Workspace> out = new ArrayList<>();
        String after = null;
        while (true) {
            List<Workspace> page = workspaces.page(new WorkspaceQuery(tenantId, WORKSPACE_TYPES, null, null,
                    WorkspaceQuery.Sort.ID, false, after, null, PAGE));
            out.addAll(page);
            if (page.size() < PAGE) {
                return out;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private List<Client> clientsOf(Workspace w) {
        List<Client> out = new ArrayList<>();
        String after = null;
        while (true) {
            List<Client> page = clients.list(new ClientQuery(w.tenantId(), w.id(), null, List.of(), List.of(), null,
                    ClientQuery.Sort.CLIENT_ID, false, after, null, PAGE));
            out.addAll(page);
            if (page.size() < PAGE) {
                return out;
            }
            after = page.get(page.size() - 1).clientId();
        }
    }
}
