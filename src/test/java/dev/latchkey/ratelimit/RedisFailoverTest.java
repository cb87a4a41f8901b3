package dev.latchkey.ratelimit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.cli.Main;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter never refuses or fails a request because Redis is unreachable: a server pointed at a dead
 * port starts, serves and limits with local buckets ({@code /ready} says so, still 200); a server whose
 * Redis goes away (a TCP relay to the real Redis at 127.0.0.1:6379 that the test stops and starts again;
 * the real Redis is never stopped) falls back to local buckets and returns to Redis when it is back,
 * logging each transition once.
 */
class RedisFailoverTest {

    static Path limits;

    @BeforeAll
    static void writeLimits() throws IOException {
        RedisSharedBudgetTest.deleteLimiterKeys();
        limits = Files.createTempFile("latchkey-limits", ".json");
        Files.writeString(limits, "{\"oauth2\": {\"rate\": 3, \"burst\": 3, \"period\": \"1h0m0s\"}}");
    }

    @AfterAll
    static void cleanUp() {
        RedisSharedBudgetTest.deleteLimiterKeys();
    }

    @Test
    void aServerWhoseRedisIsDeadStartsServesAndLimitsLocally() {
        try (TestServer server = TestServer.start(TestServer.freePort(),
                c -> c.withRateLimits(limits.toString()).withRedisUrl("redis://127.0.0.1:1"))) {
            HttpResponse<String> ready = server.get("/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(ready)).isEqualTo(Map.of("status", "ready",
                    "rate_limits", "local (redis unreachable)"));
            // the token endpoint (oauth2: 1 of 3) and the admin API work, spending local buckets
            assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + server.adminToken())
                    .statusCode()).isEqualTo(200);
            String path = "/default/admin/.well-known/jwks.json";
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = server.get(path);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(1 - i));
            }
            HttpResponse<String> refused = server.get(path);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1200");
            assertThat(TestServer.json(server.get("/ready"))).containsEntry("rate_limits", "local (redis unreachable)");
        }
    }

    @Test
    void aMalformedRedisUrlIsAUsageError() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("serve", "--port", "0", "--redis-url", "127.0.0.1:6379")).isEqualTo(2);
            assertThat(Main.run("serve", "--port", "0", "--redis-url", "redis://")).isEqualTo(2);
        } finally {
            System.setErr(originalErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--redis-url: must look like redis://host:port");
    }

    @Test
    void limitingOffNeverTouchesRedisAndReadyHasNoDetail() {
        try (TestServer server = TestServer.start(TestServer.freePort(),
                c -> c.withRateLimits("off").withRedisUrl("redis://127.0.0.1:1"))) {
            assertThat(TestServer.json(server.get("/ready"))).isEqualTo(Map.of("status", "ready"));
            assertThat(server.get("/default/admin/.well-known/jwks.json").headers().firstValue("X-RateLimit-Limit"))
                    .isEmpty();
        }
    }

    @Test
    void fallsBackWhenRedisGoesAwayAndReturnsWhenItIsBackLoggingEachTransitionOnce() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(FailoverRateLimiter.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        int relayPort = TestServer.freePort();
        Relay relay = Relay.start(relayPort);
        try (TestServer server = TestServer.start(TestServer.freePort(),
                c -> c.withRateLimits(limits.toString()).withRedisUrl("redis://127.0.0.1:" + relayPort))) {
            String path = "/system/system/.well-known/jwks.json";
            assertThat(TestServer.json(server.get("/ready"))).containsEntry("rate_limits", "redis");
            assertThat(server.get(path).headers().firstValue("X-RateLimit-Remaining")).hasValue("2");

            relay.stop();
            for (int i = 0; i < 5; i++) { // never failed: the first after the loss falls back at once
                long t0 = System.nanoTime();
                HttpResponse<String> r = server.get(path);
                assertThat(r.statusCode()).isIn(200, 429);
                assertThat(r.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
                assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(2).toNanos());
            }
            assertThat(TestServer.json(server.get("/ready"))).isEqualTo(Map.of("status", "ready",
                    "rate_limits", "local (redis unreachable)"));

            relay = Relay.start(relayPort);
            String mode = "";
            for (long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos(); System.nanoTime() < deadline; ) {
                mode = (String) TestServer.json(server.get("/ready")).get("rate_limits");
                if (mode.equals("redis")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(mode).isEqualTo("redis");
            // back on the shared bucket: it still has the state written before the loss (2 left)
            assertThat(server.get(path).headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
        } finally {
            relay.stop();
            logger.detachAppender(log);
        }
        List<String> transitions = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        assertThat(transitions).hasSize(3);
        assertThat(transitions.get(0)).startsWith("INFO rate limits: buckets shared in Redis at 127.0.0.1:" + relayPort);
        assertThat(transitions.get(1)).startsWith("WARN rate limits: Redis at 127.0.0.1:" + relayPort + " failed");
        assertThat(transitions.get(2)).startsWith("INFO rate limits: Redis at 127.0.0.1:" + relayPort
                + " is reachable again");
    }

    /** A TCP relay from 127.0.0.1:port to the real Redis, which the test can cut (every connection) and restore. */
    static final class Relay {
        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        private Relay(ServerSocket server) {
            this.server = server;
        }

        static Relay start(int port) {
            try {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                Relay relay = new Relay(s);
                Thread.ofVirtual().start(relay::accept);
                return relay;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket redis = new Socket("127.0.0.1", 6379);
                    sockets.add(client);
                    sockets.add(redis);
                    Thread.ofVirtual().start(() -> pump(client, redis));
                    Thread.ofVirtual().start(() -> pump(redis, client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the relay was cut
            } finally {
                close(from);
                close(to);
            }
        }

        private static void close(java.io.Closeable c) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        void stop() {
            close(server);
            sockets.forEach(Relay::close);
            sockets.clear();
        }
    }
}
