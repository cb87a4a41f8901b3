package dev.latchkey.store;

import dev.latchkey.support.Json;
import dev.latchkey.testing.ServeProcess;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No acknowledged write is lost when a node dies (issue 7): two {@code latchkey serve} processes over one
 * PostgreSQL schema; several threads create applications on node A through the Admin API, and A is killed with
 * SIGKILL in the middle of the load. Node B then has every application whose creation A answered with 201, and
 * node A, started again, serves them (and one created on B meanwhile) from its first request. Runs in the
 * PostgreSQL pass of the suite ({@code -Dlatchkey.test.db=postgres}).
 */
class NodeKillTest {

    private static final String BASE_URL = "http://auth.example.test";
    private static final int WRITERS = 4;

    private static String schema;
    private static String dbUrl;
    private static final List<ServeProcess> NODES = new ArrayList<>();

    @BeforeAll
    static void createSchema() throws Exception {
        Assumptions.assumeTrue(TestServer.usesPostgres(), "several nodes need PostgreSQL");
        String url = System.getProperty("latchkey.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        schema = "lk_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = DriverManager.getConnection(url, pgUser(), "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        dbUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServeProcess node : NODES) {
            node.process().destroyForcibly();
            node.process().waitFor(20, TimeUnit.SECONDS);
        }
        if (schema != null) {
            String url = System.getProperty("latchkey.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
            try (var c = DriverManager.getConnection(url, pgUser(), "")) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static String pgUser() {
        return System.getProperty("latchkey.test.pg.user", "postgres");
    }

    private static ServeProcess launch(int port) throws Exception {
        ServeProcess node = ServeProcess.launch(port, Map.of("LATCHKEY_MASTER_KEY",
                        Base64.getEncoder().encodeToString("node-kill-test-master-key-32byte".getBytes())),
                "--rate-limits", "off", "--base-url", BASE_URL, "--db-url", dbUrl, "--db-user", pgUser());
        NODES.add(node);
        node.awaitReady(ready -> true);
        return node;
    }

    private static String adminToken(ServeProcess node) throws Exception {
        HttpResponse<String> r = node.send(HttpRequest.newBuilder(node.uri("/default/admin/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + TestServer.ADMIN_CLIENT_ID + "&client_secret=" + TestServer.ADMIN_CLIENT_SECRET)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (String) TestServer.json(r).get("access_token");
    }

    private static HttpResponse<String> createClient(ServeProcess node, String token, String name)
            throws IOException, InterruptedException {
        return node.send(HttpRequest.newBuilder(node.uri("/api/admin/default/clients"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("tenant_id", "default",
                        "authorization_server_id", "default", "client_name", name,
                        "grant_types", List.of("client_credentials"))))));
    }

    private static int status(ServeProcess node, String token, String clientId) throws Exception {
        return node.send(HttpRequest.newBuilder(node.uri("/api/admin/default/clients/" + clientId))
                .header("Authorization", "Bearer " + token).GET()).statusCode();
    }

    @Test
    void everyAcknowledgedCreationSurvivesASigkill() throws Exception {
        int portA = TestServer.freePort();
        ServeProcess a = launch(portA);
        ServeProcess b = launch(TestServer.freePort());
        String token = adminToken(a); // same keys and issuer on both nodes: valid on B and on A restarted

        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // client id -> secret
        AtomicInteger failed = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; ; i++) {
                    try {
                        HttpResponse<String> r = createClient(a, token, "kill-" + writer + "-" + i);
                        if (r.statusCode() == 201) {
                            Map<String, Object> created = TestServer.json(r);
                            acknowledged.put((String) created.get("client_id"), (String) created.get("client_secret"));
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IOException dead) {
                        failed.incrementAndGet();
                        return; // the node is gone
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < 100 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(acknowledged).as("creations on A before the kill").hasSizeGreaterThanOrEqualTo(100);
        a.process().destroyForcibly(); // SIGKILL: no shutdown hook, no drain
        assertThat(a.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(a.process().exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        for (Thread writer : writers) {
            writer.join(30_000);
        }
        assertThat(failed.get()).as("every writer saw the node die").isGreaterThanOrEqualTo(WRITERS);

        List<String> missingOnB = new ArrayList<>();
        for (String clientId : acknowledged.keySet()) {
            if (status(b, token, clientId) != 200) {
                missingOnB.add(clientId);
            }
        }
        assertThat(missingOnB).as("of %d acknowledged", acknowledged.size()).isEmpty();
        System.out.printf("NodeKillTest: %d creations acknowledged by A before SIGKILL, all %d found on B;"
                + " %d requests failed%n", acknowledged.size(), acknowledged.size(), failed.get());
        HttpResponse<String> createdOnB = createClient(b, token, "created-on-b-while-a-was-down");
        assertThat(createdOnB.statusCode()).as(createdOnB.body()).isEqualTo(201);
        String onB = (String) TestServer.json(createdOnB).get("client_id");

        ServeProcess restarted = launch(portA);
        assertThat(status(restarted, token, onB)).isEqualTo(200);
        List<String> missingOnA = new ArrayList<>();
        for (String clientId : acknowledged.keySet()) {
            if (status(restarted, token, clientId) != 200) {
                missingOnA.add(clientId);
            }
        }
        assertThat(missingOnA).isEmpty();
        var any = acknowledged.entrySet().iterator().next();
        HttpResponse<String> issued = restarted.send(HttpRequest.newBuilder(
                restarted.uri("/default/default/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + any.getKey()
                        + "&client_secret=" + any.getValue())));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
    }
}
