package dev.latchkey.keys;

import dev.latchkey.store.SecretBox;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.testing.TestServer;
import dev.latchkey.workspace.JdbiWorkspaceRepository;
import dev.latchkey.workspace.WorkspaceDefaults;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workspaces created with deferred keys (issue 8: the first start's, so that key generation is off the
 * start-up path) get exactly one set of initial keys, made on the first read of their keys (a key ring: the
 * signing keys; the Admin API's views: all), even when many threads of two nodes (two {@link KeyService}s
 * over one database) read them at once: the database decides, and every reader signs with the one current
 * key stored.
 */
class DeferredWorkspaceKeysTest {

    private static TestServer server;
    private static Jdbi jdbi;
    private static final SecureRandomness RANDOMNESS = SecureRandomness.strong();
    private static final SecretBox BOX = box();
    private static JdbiWorkspaceRepository workspaces;
    private static final List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jdbi = server.server().database().jdbi();
        workspaces = new JdbiWorkspaceRepository(jdbi, BOX, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SecretBox box() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretBox(key, new SecureRandom());
    }

    /** A node's key service over the shared database (its own in-process bookkeeping). */
    private static KeyService node() {
        return new KeyService(new JdbiKeyRepository(jdbi, BOX), new KeyFactory(RANDOMNESS), Clock.systemUTC(),
                (tenantId, workspaceId) -> workspaces.find(tenantId, workspaceId).map(w -> w.keyType()),
                (tenantId, workspaceId) -> announced.add(tenantId + "/" + workspaceId));
    }

    private static void workspaceWithoutKeys(String id) {
        workspaces.insert(WorkspaceDefaults.of("default", id, id, "regular", RANDOMNESS.alphanumeric(32),
                RANDOMNESS.alphanumeric(32), Instant.now()));
    }

    private static long keyRows(String id) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM workspace_keys WHERE tenant_id = 'default' AND workspace_id = :id")
                .bind("id", id).mapTo(Long.class).one());
    }

    private static <T> List<T> atOnce(int n, Callable<T> work) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return work.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }

    @Test
    void manyFirstReadsOnTwoNodesMakeOneSetOfKeysThatEveryReaderSignsWith() throws Exception {
        workspaceWithoutKeys("deferred-race");
        assertThat(keyRows("deferred-race")).isZero();
        List<KeyService> nodes = List.of(node(), node());
        var turn = new AtomicInteger();

        // the first tokens: their rings need (and make) only the signing keys
        List<String> signingKids = atOnce(8, () ->
                nodes.get(turn.getAndIncrement() % 2).ring("default", "deferred-race").signingKid());
        assertThat(keyRows("deferred-race")).isEqualTo(2);
        assertThat(signingKids).hasSize(8).containsOnly(signingKids.getFirst());
        assertThat(announced).doesNotContain("default/deferred-race");

        // the Admin API's views need them all: the encryption keys are made once, and announced once
        List<List<StoredKey>> views = atOnce(6, () ->
                nodes.get(turn.getAndIncrement() % 2).storedKeys("default", "deferred-race"));
        assertThat(keyRows("deferred-race")).isEqualTo(4);
        assertThat(announced).containsOnlyOnce("default/deferred-race");
        List<StoredKey> stored = views.getFirst();
        assertThat(views).allSatisfy(view -> assertThat(view).isEqualTo(stored));
        assertThat(stored).extracting(StoredKey::use).containsExactlyInAnyOrder("sig", "sig", "enc", "enc");
        assertThat(stored).filteredOn(k -> k.status() == KeyStatus.CURRENT).extracting(StoredKey::use)
                .containsExactlyInAnyOrder("sig", "enc");
        assertThat(stored).filteredOn(k -> k.use().equals("sig") && k.status() == KeyStatus.CURRENT)
                .extracting(StoredKey::kid).containsExactly(signingKids.getFirst());
        assertThat(stored).filteredOn(k -> k.use().equals("sig")).allSatisfy(k ->
                assertThat(k.publicJwk()).containsEntry("alg", "ES256"));
        assertThat(stored).filteredOn(k -> k.use().equals("enc")).allSatisfy(k ->
                assertThat(k.publicJwk()).containsEntry("alg", "RSA-OAEP-256"));
        // made once: later reads and the start's background pass change nothing
        assertThat(nodes.get(1).ensureKeys("default", "deferred-race", List.of("sig", "enc"))).isZero();
        assertThat(nodes.get(1).ring("default", "deferred-race").signingKid()).isEqualTo(signingKids.getFirst());
        assertThat(nodes.get(0).storedKeys("default", "deferred-race")).isEqualTo(stored);
    }

    @Test
    void theBackgroundPassMakesTheKeysOfEveryWorkspaceWithoutThemAndOnlyThose() {
        workspaceWithoutKeys("deferred-a");
        workspaceWithoutKeys("deferred-b");
        List<StoredKey> before = node().storedKeys("default", "default");

        assertThat(node().ensureAllKeys()).isEqualTo(2);

        assertThat(keyRows("deferred-a")).isEqualTo(4);
        assertThat(keyRows("deferred-b")).isEqualTo(4);
        assertThat(announced).contains("default/deferred-a", "default/deferred-b");
        assertThat(node().ensureAllKeys()).isZero();
        assertThat(node().storedKeys("default", "default")).isEqualTo(before);
    }

    @Test
    void anUnknownWorkspaceGetsNoKeys() {
        KeyService keys = node();
        assertThat(keys.ensureKeys("default", "no-such-workspace", List.of("sig", "enc"))).isZero();
        assertThat(keys.publicKeys("default", "no-such-workspace").keys()).isEmpty();
        assertThat(keys.storedKeys("default", "no-such-workspace")).isEmpty();
        assertThat(keyRows("no-such-workspace")).isZero();
    }
}
