package dev.latchkey.oauth;

import dev.latchkey.client.CachedClientRepository;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientQuery;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.store.Change;
import dev.latchkey.store.LocalChangeBus;
import dev.latchkey.workspace.WorkspaceDefaults;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8 (many workspaces): a workspace context remembers the clients found through it, so that a token request
 * makes one cache lookup instead of two; it never answers with another workspace's client, does not remember
 * unknown ids, and a context made after a client change reads the changed client (the client cache, subscribed
 * first, has dropped it).
 */
class WorkspaceContextClientsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    /** The database stand-in: counts the look-ups that reach it. */
    private static final class Stored implements ClientRepository {
        final Map<String, Client> clients = new ConcurrentHashMap<>();
        final AtomicInteger finds = new AtomicInteger();

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

    private static WorkspaceContext context(String workspaceId) {
        return new WorkspaceContext(WorkspaceDefaults.of("t1", workspaceId, workspaceId, "regular", "s", "salt", NOW),
                "https://latchkey.example/t1/" + workspaceId, null, Map.of(), Map.of());
    }

    private static Client client(String workspaceId, String id, String secret) {
        return Client.service("t1", workspaceId, id, id, secret, List.of(), false, NOW);
    }

    @Test
    void aFoundClientIsRememberedAndAnotherWorkspacesOrAnUnknownOneIsNot() {
        Stored stored = new Stored();
        stored.insert(client("w1", "app", "secret-1"));
        stored.insert(client("w2", "other", "secret-2"));
        WorkspaceContext w1 = context("w1");

        for (int i = 0; i < 5; i++) {
            assertThat(w1.client("app", stored)).map(Client::clientSecret).contains("secret-1");
        }
        assertThat(stored.finds).as("read once, then remembered").hasValue(1);

        assertThat(w1.client("other", stored)).as("a client of another workspace of the tenant").isEmpty();
        assertThat(w1.client("other", stored)).isEmpty();
        assertThat(w1.client("nobody", stored)).isEmpty();
        assertThat(w1.client("nobody", stored)).isEmpty();
        assertThat(w1.client(null, stored)).isEmpty();
        assertThat(stored.finds).as("absent and foreign ids are asked each time (the client cache bounds them)")
                .hasValue(5);
        assertThat(w1.clients()).containsOnlyKeys("app");
    }

    @Test
    void aContextMadeAfterAClientChangeReadsTheChangedClient() {
        Stored stored = new Stored();
        stored.insert(client("w1", "app", "old-secret"));
        LocalChangeBus bus = new LocalChangeBus();
        CachedClientRepository cache = new CachedClientRepository(stored, bus); // subscribes first, as in the server
        AtomicInteger contextsDropped = new AtomicInteger();
        bus.subscribe(change -> contextsDropped.incrementAndGet()); // WorkspaceContexts' place in the order
        WorkspaceContext before = context("w1");
        assertThat(before.client("app", cache)).map(Client::clientSecret).contains("old-secret");

        stored.update(client("w1", "app", "new-secret"));
        bus.publish(new Change("client", "t1", "w1", "app"));

        assertThat(contextsDropped).hasValue(1);
        WorkspaceContext after = context("w1"); // what WorkspaceContexts loads for the next request
        assertThat(after.client("app", cache)).map(Client::clientSecret).contains("new-secret");
        assertThat(before.client("app", cache)).as("the old context (dropped by WorkspaceContexts) keeps what it read")
                .map(Client::clientSecret).contains("old-secret");
    }
}
