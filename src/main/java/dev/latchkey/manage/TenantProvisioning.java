package dev.latchkey.manage;

import dev.latchkey.client.Client;
import dev.latchkey.keys.KeyService;
import dev.latchkey.scope.ScopeRepository;
import dev.latchkey.scope.SystemScopes;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.Xid;
import dev.latchkey.workspace.Workspace;
import dev.latchkey.workspace.WorkspaceDefaults;
import dev.latchkey.workspace.WorkspaceRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The workspaces a tenant starts with, made the one way both the first start ({@code app/Bootstrap}) and
 * createTenant make them: {@code admin} (type admin) and {@code system} (type system) always, as every
 * Cloudentity tenant has them and the Admin and System APIs need them, and {@code default} (type regular)
 * for "default workspaces". Each with every workspace default, its own secret and salt, ECDSA keys, and its
 * built-in services and scopes. Also the tenant's first admin application. Call inside the caller's
 * transaction. Thread-safe.
 */
public final class TenantProvisioning {

    /** Scopes of an admin application (the bootstrap's {@code default/admin} client). */
    public static final List<String> ADMIN_APPLICATION_SCOPES = List.of("introspect_tokens", "revoke_tokens");

    private final WorkspaceRepository workspaces;
    private final KeyService keys;
    private final ScopeRepository scopes;
    private final SecureRandomness randomness;
    private final Xid ids;

    public TenantProvisioning(WorkspaceRepository workspaces, KeyService keys, ScopeRepository scopes,
                              SecureRandomness randomness, Xid ids) {
        this.workspaces = workspaces;
        this.keys = keys;
        this.scopes = scopes;
        this.randomness = randomness;
        this.ids = ids;
    }

    /** Creates {@code admin}, {@code system} and, with {@code withDefault}, {@code default}; returns them. */
    public List<Workspace> workspaces(String tenantId, boolean withDefault, Instant now) {
        return workspaces(tenantId, withDefault, true, now);
    }

    /**
     * As {@link #workspaces}, with deferred keys: no key is generated here; {@link KeyService} makes each
     * workspace's keys on the first read of them, or when {@link KeyService#ensureAllKeys} runs. The first
     * start does this so that the RSA encryption keys of its five workspaces are not generated on the
     * start-up path.
     */
    public List<Workspace> workspacesWithDeferredKeys(String tenantId, boolean withDefault, Instant now) {
        return workspaces(tenantId, withDefault, false, now);
    }

    private List<Workspace> workspaces(String tenantId, boolean withDefault, boolean keysNow, Instant now) {
        List<Workspace> created = new ArrayList<>();
        created.add(workspace(tenantId, "admin", "Admin", "admin", keysNow, now));
        created.add(workspace(tenantId, "system", "System", "system", keysNow, now));
        if (withDefault) {
            created.add(workspace(tenantId, "default", "Default", "regular", keysNow, now));
        }
        return created;
    }

    /** The tenant's {@code admin} or {@code system} workspace (a global import whose dump did not bring it). */
    public Workspace builtIn(String tenantId, String id, Instant now) {
        return workspace(tenantId, id, id.equals("admin") ? "Admin" : "System", id, true, now);
    }

    /**
     * An application of the tenant's {@code admin} workspace (client_credentials, client_secret_basic or
     * _post): its tokens are what the tenant's Admin API accepts.
     */
    public static Client adminApplication(String tenantId, String clientId, String secret, Instant now) {
        return Client.service(tenantId, "admin", clientId, "Admin API client", secret, ADMIN_APPLICATION_SCOPES,
                false, now);
    }

    private Workspace workspace(String tenantId, String id, String name, String type, boolean keysNow,
                                Instant now) {
        Workspace workspace = WorkspaceDefaults.of(tenantId, id, name, type, randomness.alphanumeric(32),
                randomness.alphanumeric(32), now);
        workspaces.insert(workspace);
        if (keysNow) {
            keys.createInitialKeys(tenantId, id, workspace.keyType());
        }
        SystemScopes.seed(scopes, tenantId, id, type, ids::next);
        return workspace;
    }
}
