package dev.latchkey.ratelimit;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Latchkey nodes as two operating-system processes (started with {@code latchkey serve}, as an operator
 * would, each with its own embedded database) sharing the real Redis at 127.0.0.1:6379 spend ONE budget
 * of the {@code oauth2} group: burst 7, refilled at 7 per hour (with real clocks, nothing refills during the
 * test). Seven requests spread over both pass, the eighth is refused on either.
 */
class TwoProcessSharedBudgetTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<Node> NODES = new ArrayList<>();

    record Node(Process process, int port, Path data) {

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        // the nodes use embedded storage: the PostgreSQL run of the suite would repeat the same test
        Assumptions.assumeFalse(TestServer.usesPostgres());
        RedisSharedBudgetTest.deleteLimiterKeys();
        Path limits = Files.createTempFile("latchkey-limits", ".json");
        Files.writeString(limits, "{\"oauth2\": {\"rate\": 7, \"burst\": 7, \"period\": \"1h0m0s\"}}");
        for (int i = 0; i < 2; i++) {
            NODES.add(launch(limits));
        }
        for (Node node : NODES) {
            awaitSharedBuckets(node);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Node node : NODES) {
            node.process().destroy();
        }
        for (Node node : NODES) {
            if (!node.process().waitFor(20, TimeUnit.SECONDS)) {
                node.process().destroyForcibly();
            }
        }
        RedisSharedBudgetTest.deleteLimiterKeys();
    }

    private static Node launch(Path limits) throws IOException {
        int port = TestServer.freePort();
        Path data = Files.createTempDirectory("latchkey-node");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.latchkey.cli.Main", "serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--data", data.toString(), "--rate-limits", limits.toString(),
                "--redis-url", RedisSharedBudgetTest.REDIS_FOR_SERVERS)
                .redirectErrorStream(true).redirectOutput(data.resolve("node.log").toFile());
        builder.environment().put("LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_ID", TestServer.ADMIN_CLIENT_ID);
        builder.environment().put("LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_SECRET", TestServer.ADMIN_CLIENT_SECRET);
        return new Node(builder.start(), port, data);
    }

    /** Waits until the node serves and says its buckets are in Redis. */
    private static void awaitSharedBuckets(Node node) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            assertThat(node.process().isAlive()).as(() -> log(node)).isTrue();
            try {
                HttpResponse<String> ready = get(node, "/ready");
                if (ready.statusCode() == 200 && ready.body().contains("\"rate_limits\":\"redis\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("node did not become ready with Redis buckets:\n" + log(node));
    }

    private static String log(Node node) {
        try {
            return Files.readString(node.data().resolve("node.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static HttpResponse<String> get(Node node, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sevenRequestsOverTwoProcessesPassAndTheEighthOnEitherIs429() throws Exception {
        String path = "/default/admin/.well-known/jwks.json";
        int[] order = {0, 1, 1, 0, 1, 0, 0};
        for (int i = 0; i < order.length; i++) {
            HttpResponse<String> r = get(NODES.get(order[i]), path);
            assertThat(r.statusCode()).as("request %d", i + 1).isEqualTo(200);
            assertThat(r.headers().firstValue("X-RateLimit-Remaining")).hasValue(Long.toString(6 - i));
        }
        for (Node node : NODES) {
            HttpResponse<String> refused = get(node, path);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong)).get()
                    .satisfies(s -> assertThat(s).isBetween(1L, 515L)); // a token every 514.3 s
        }
    }
}
