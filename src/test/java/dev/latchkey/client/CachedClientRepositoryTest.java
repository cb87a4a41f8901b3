package dev.latchkey.client;

import dev.latchkey.store.Change;
import dev.latchkey.store.LocalChangeBus;
import dev.latchkey.testing.CountingClientRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8 (many workspaces): a change of one workspace drops from the client cache only that workspace's clients
 * and the cached unknown ids, so that creating or updating one workspace in a tenant of thousands does not send
 * every other workspace's next token request to the database; tenant-wide changes still drop the whole tenant.
 */
class CachedClientRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    private final CountingClientRepository db = new CountingClientRepository();
    private final LocalChangeBus bus = new LocalChangeBus();
    private final CachedClientRepository cached = new CachedClientRepository(db, bus);

    private void client(String tenant, String workspace, String id) {
        db.insert(Client.service(tenant, workspace, id, id, "secret-" + id, List.of(), false, NOW));
    }

    /** Looks every id up and returns how many of the look-ups reached the database. */
    private int misses(String tenant, String... ids) {
        int before = db.finds();
        for (String id : ids) {
            cached.find(tenant, id);
        }
        return db.finds() - before;
    }

    /** Tenant t: c1, c2, c3 in workspaces ws-1, ws-2, ws-3; tenant u: c4 in its own ws-1; all cached. */
    private void fourClientsCached() {
        client("t", "ws-1", "c1");
        client("t", "ws-2", "c2");
        client("t", "ws-3", "c3");
        client("u", "ws-1", "c4");
        assertThat(misses("t", "c1", "c2", "c3", "unknown")).isEqualTo(4);
        assertThat(misses("u", "c4")).isEqualTo(1);
        assertThat(misses("t", "c1", "c2", "c3", "unknown")).isZero();
    }

    @Test
    void aWorkspaceChangeDropsOnlyThatWorkspacesClientsAndTheUnknownIds() {
        fourClientsCached();

        db.delete("t", "c1"); // the workspace's deletion took its client along
        bus.publish(new Change("workspace", "t", "ws-1", "ws-1"));

        assertThat(cached.find("t", "c1")).isEmpty();
        assertThat(misses("t", "c2", "c3")).as("the other workspaces' clients are still cached").isZero();
        assertThat(misses("t", "unknown")).as("an unknown id is looked up again: the change may have made it")
                .isEqualTo(1);
        assertThat(misses("u", "c4")).as("another tenant's workspace of the same id").isZero();
    }

    @Test
    void tenantAndWholeTenantWorkspaceChangesStillDropTheTenant() {
        fourClientsCached();

        bus.publish(new Change("tenant", "t", null, "t"));
        assertThat(misses("t", "c1", "c2", "c3")).isEqualTo(3);
        assertThat(misses("u", "c4")).isZero();

        bus.publish(new Change("workspace", "t", null, null));
        assertThat(misses("t", "c1", "c2", "c3")).isEqualTo(3);

        bus.publish(new Change("client", "t", "ws-2", "c2"));
        assertThat(misses("t", "c1", "c2", "c3")).isEqualTo(1);
    }
}
