package dev.latchkey.testing;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientQuery;
import dev.latchkey.client.ClientRepository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The database's stand-in in cache tests: clients in memory, and a count of the look-ups that reach it. */
public final class CountingClientRepository implements ClientRepository {

    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final AtomicInteger finds = new AtomicInteger();

    /** Look-ups ({@link #find}) so far. */
    public int finds() {
        return finds.get();
    }

    @Override
    public Optional<Client> find(String tenantId, String clientId) {
        finds.incrementAndGet();
        return Optional.ofNullable(clients.get(tenantId + "/" + clientId));
    }

    @Override
    public Optional<Client> findForUpdate(String tenantId, String clientId) {
        return find(tenantId, clientId);
    }

    @Override
    public void insert(Client client) {
        clients.put(client.tenantId() + "/" + client.clientId(), client);
    }

    @Override
    public void update(Client client) {
        insert(client);
    }

    @Override
    public boolean delete(String tenantId, String clientId) {
        return clients.remove(tenantId + "/" + clientId) != null;
    }

    @Override
    public List<Client> list(ClientQuery query) {
        return List.copyOf(clients.values());
    }
}
