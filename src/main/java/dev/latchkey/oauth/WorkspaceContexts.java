package dev.latchkey.oauth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.latchkey.keys.KeyService;
import dev.latchkey.scope.Scope;
import dev.latchkey.scope.ScopeRepository;
import dev.latchkey.scope.Service;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.workspace.WorkspaceRepository;

import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves {@code (tid, aid)} to a cached {@link WorkspaceContext}. The first request to a workspace
 * loads its settings, keys and scopes; later ones touch no database. Any committed change to the
 * workspace, its keys or its scopes (on any node, through the {@link ChangeBus}) drops the entry.
 * Unknown workspaces are cached as absent too, so a flood of bad paths does not reach the database.
 * A context also remembers the workspace's clients ({@link WorkspaceContext#client}), read through the client
 * cache: this must subscribe to the bus after that cache (it is made later, in {@code OAuthParts}), so that a
 * context made after a client change can only read the changed client. Thread-safe.
 */
public final class WorkspaceContexts {

    private record Key(String tenantId, String workspaceId) {
    }

    private final LoadingCache<Key, Optional<WorkspaceContext>> cache;

    public WorkspaceContexts(WorkspaceRepository workspaces, KeyService keys, ScopeRepository scopes,
                             String baseUrl, ChangeBus bus) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .executor(Runnable::run) // upkeep on the caller: no wake-up of another thread every few hits
                .recordStats()
                .build(key -> workspaces.find(key.tenantId(), key.workspaceId()).map(workspace ->
                        new WorkspaceContext(workspace, baseUrl + "/" + key.tenantId() + "/" + key.workspaceId(),
                                keys.ring(key.tenantId(), key.workspaceId()),
                                scopes.scopesOf(key.tenantId(), key.workspaceId()).stream()
                                        .collect(Collectors.toUnmodifiableMap(Scope::name, Function.identity())),
                                scopes.servicesOf(key.tenantId(), key.workspaceId()).stream()
                                        .collect(Collectors.toUnmodifiableMap(Service::id, Function.identity())))));
        bus.subscribe(change -> {
            if (Change.REVOCATION.equals(change.kind())) {
                return; // token revocations change nothing a workspace context holds
            }
            if (change.isEverything()) {
                cache.invalidateAll();
                return;
            }
            if (change.workspaceId() == null) {
                cache.asMap().keySet().removeIf(k -> k.tenantId().equals(change.tenantId()));
            } else {
                cache.invalidate(new Key(change.tenantId(), change.workspaceId()));
            }
        });
    }

    /** The cache, for its statistics (hit ratio, size) in the metrics. */
    public com.github.benmanes.caffeine.cache.Cache<?, ?> cache() {
        return cache;
    }

    public Optional<WorkspaceContext> find(String tenantId, String workspaceId) {
        return cache.get(new Key(tenantId, workspaceId));
    }
}
