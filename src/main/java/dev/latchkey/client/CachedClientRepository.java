package dev.latchkey.client;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;

import java.util.List;
import java.util.Optional;

/**
 * A {@link ClientRepository} that answers lookups from memory once warm, so that token requests do no
 * database I/O. Writes, locked reads and listings go through to the delegate; every committed client change,
 * on any node, drops the cached entry (the writer publishes the change after commit), so an update, a secret
 * rotation or a deletion takes effect on the token endpoint at once. Thread-safe.
 */
public final class CachedClientRepository implements ClientRepository {

    private record Key(String tenantId, String clientId) {
    }

    private final ClientRepository delegate;
    private final LoadingCache<Key, Optional<Client>> cache;

    public CachedClientRepository(ClientRepository delegate, ChangeBus bus) {
        this.delegate = delegate;
        this.cache = Caffeine.newBuilder()
                .maximumSize(200_000)
                .executor(Runnable::run) // upkeep on the caller: no wake-up of another thread every few hits
                .recordStats()
                .build(key -> delegate.find(key.tenantId(), key.clientId()));
        bus.subscribe(this::onChange);
    }

    private void onChange(Change change) {
        if (change.isEverything()) {
            cache.invalidateAll();
        } else if ("client".equals(change.kind()) && change.id() != null) {
            cache.invalidate(new Key(change.tenantId(), change.id()));
        } else if ("workspace".equals(change.kind()) && change.workspaceId() != null) {
            // only that workspace's clients (a deletion took them along) and the unknown ids: with thousands of
            // workspaces in a tenant, creating one must not send every other workspace's clients to the database
            cache.asMap().entrySet().removeIf(e -> e.getKey().tenantId().equals(change.tenantId())
                    && e.getValue().map(c -> c.authorizationServerId().equals(change.workspaceId())).orElse(true));
        } else if ("workspace".equals(change.kind()) || "tenant".equals(change.kind())) {
            cache.asMap().keySet().removeIf(k -> k.tenantId().equals(change.tenantId()));
        }
    }

    /** The cache, for its statistics (hit ratio, size) in the metrics. */
    public com.github.benmanes.caffeine.cache.Cache<?, ?> cache() {
        return cache;
    }

    @Override
    public Optional<Client> find(String tenantId, String clientId) {
        return cache.get(new Key(tenantId, clientId));
    }

    @Override
    public Optional<Client> findForUpdate(String tenantId, String clientId) {
        return delegate.findForUpdate(tenantId, clientId);
    }

    @Override
    public void insert(Client client) {
        delegate.insert(client);
    }

    @Override
    public void update(Client client) {
        delegate.update(client);
    }

    @Override
    public boolean delete(String tenantId, String clientId) {
        return delegate.delete(tenantId, clientId);
    }

    @Override
    public List<Client> list(ClientQuery query) {
        return delegate.list(query);
    }
}
