package dev.latchkey.oauth;

import dev.latchkey.client.CachedClientRepository;
import dev.latchkey.client.Client;
import dev.latchkey.store.Change;
import dev.latchkey.store.LocalChangeBus;
import dev.latchkey.testing.CountingClientRepository;
import dev.latchkey.workspace.WorkspaceDefaults;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    private static WorkspaceContext context(String workspaceId) {
        return new WorkspaceContext(WorkspaceDefaults.of("t1", workspaceId, workspaceId, "regular", "s", "salt", NOW),
                "https://latchkey.example/t1/" + workspaceId, null, Map.of(), Map.of());
    }

    private static Client client(String workspaceId, String id, String secret) {
        return Client.service("t1", workspaceId, id, id, secret, List.of(), false, NOW);
    }

    @Test
    void aFoundClientIsRememberedAndAnotherWorkspacesOrAnUnknownOneIsNot() {
        CountingClientRepository stored = new CountingClientRepository();
        stored.insert(client("w1", "app", "secret-1"));
        stored.insert(client("w2", "other", "secret-2"));
        WorkspaceContext w1 = context("w1");

        for (int i = 0; i < 5; i++) {
            assertThat(w1.client("app", stored)).map(Client::clientSecret).contains("secret-1");
        }
        assertThat(stored.finds()).as("read once, then remembered").isEqualTo(1);

        assertThat(w1.client("other", stored)).as("a client of another workspace of the tenant").isEmpty();
        assertThat(w1.client("other", stored)).isEmpty();
        assertThat(w1.client("nobody", stored)).isEmpty();
        assertThat(w1.client("nobody", stored)).isEmpty();
        assertThat(w1.client(null, stored)).isEmpty();
        assertThat(stored.finds()).as("absent and foreign ids are asked each time (the client cache bounds them)")
                .isEqualTo(5);
        assertThat(w1.clients()).containsOnlyKeys("app");
    }

    @Test
    void aContextMadeAfterAClientChangeReadsTheChangedClient() {
        CountingClientRepository stored = new CountingClientRepository();
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
