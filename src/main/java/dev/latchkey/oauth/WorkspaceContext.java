package dev.latchkey.oauth;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.keys.KeyRing;
import dev.latchkey.scope.Scope;
import dev.latchkey.scope.Service;
import dev.latchkey.workspace.Workspace;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a request to one workspace needs, resolved once from {@code /{tid}/{aid}} and cached:
 * settings, issuer, keys, scopes, and the clients found so far ({@link #client}). Immutable but for that memo;
 * passed explicitly (no thread-local context).
 */
public record WorkspaceContext(Workspace workspace, String issuer, KeyRing keys, Map<String, Scope> scopes,
                               Map<String, Service> services, Map<String, Client> clients) {

    /** At most this many clients are remembered per context; beyond, lookups go to the repository each time. */
    static final int MAX_REMEMBERED_CLIENTS = 10_000;

    /** A context that remembers its clients as they are found. */
    public WorkspaceContext(Workspace workspace, String issuer, KeyRing keys, Map<String, Scope> scopes,
                            Map<String, Service> services) {
        this(workspace, issuer, keys, scopes, services, new ConcurrentHashMap<>());
    }

    /**
     * This workspace's client {@code clientId} (enabled or not, of any type), or empty if the tenant has none by
     * that id or it belongs to another workspace. Found through {@code repository} the first time and remembered
     * in this context, so that a token request makes one cache lookup (the context's) instead of two. Not stale:
     * the context is dropped on every change to the workspace or its clients ({@link WorkspaceContexts}), after
     * the client cache has dropped the client, so a context remembers only what was read after it was made.
     * Unknown ids are not remembered here (the repository's cache bounds those).
     */
    public Optional<Client> client(String clientId, ClientRepository repository) {
        if (clientId == null) {
            return Optional.empty();
        }
        Client known = clients.get(clientId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Client> found = repository.find(tenantId(), clientId)
                .filter(c -> c.authorizationServerId().equals(workspaceId()));
        if (found.isPresent() && clients.size() < MAX_REMEMBERED_CLIENTS) {
            clients.putIfAbsent(clientId, found.get());
        }
        return found;
    }

    public String tenantId() {
        return workspace.tenantId();
    }

    public String workspaceId() {
        return workspace.id();
    }

    public Optional<Scope> scope(String name) {
        return Optional.ofNullable(scopes.get(name));
    }

    /** The {@code aud} value of a service, as Cloudentity writes it: {@code spiffe:/tid/aid/service-id}. */
    public String audienceOf(String serviceId) {
        return "spiffe:/" + tenantId() + "/" + workspaceId() + "/" + serviceId;
    }
}
