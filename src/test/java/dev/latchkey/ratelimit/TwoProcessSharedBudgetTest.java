package dev.latchkey.ratelimit;

import dev.latchkey.testing.ServeProcess;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Latchkey nodes as two operating-system processes (started with {@code latchkey serve}, as an operator
 * would, each with its own embedded database) sharing the real Redis at 127.0.0.1:6379 spend ONE budget
 * of the {@code oauth2} group: burst 7, refilled at 7 per hour (with real clocks, nothing refills during the
 * test). Seven requests spread over both pass, the eighth is refused on either.
 */
class TwoProcessSharedBudgetTest {

    private static final List<ServeProcess> NODES = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // the nodes use embedded storage: the PostgreSQL run of the suite would repeat the same test
        Assumptions.assumeFalse(TestServer.usesPostgres());
        RedisSharedBudgetTest.deleteLimiterKeys();
        Path limits = Files.createTempFile("latchkey-limits", ".json");
        limits.toFile().deleteOnExit();
        Files.writeString(limits, "{\"oauth2\": {\"rate\": 7, \"burst\": 7, \"period\": \"1h0m0s\"}}");
        for (int i = 0; i < 2; i++) {
            NODES.add(ServeProcess.launch(TestServer.freePort(), Map.of(), "--rate-limits", limits.toString(),
                    "--redis-url", RedisSharedBudgetTest.REDIS_FOR_SERVERS));
        }
        for (ServeProcess node : NODES) {
            // ready, and its buckets are in Redis
            node.awaitReady(ready -> ready.body().contains("\"rate_limits\":\"redis\""));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServeProcess node : NODES) {
            node.process().destroy();
        }
        for (ServeProcess node : NODES) {
            if (!node.process().waitFor(20, TimeUnit.SECONDS)) {
                node.process().destroyForcibly();
            }
        }
        RedisSharedBudgetTest.deleteLimiterKeys();
    }

    @Test
    void sevenRequestsOverTwoProcessesPassAndTheEighthOnEitherIs429() throws Exception {
        String path = "/default/admin/.well-known/jwks.json";
        int[] order = {0, 1, 1, 0, 1, 0, 0};
        for (int i = 0; i < order.length; i++) {
            HttpResponse<String> r = NODES.get(order[i]).get(path);
            assertThat(r.statusCode()).as("request %d", i + 1).isEqualTo(200);
            assertThat(r.headers().firstValue("X-RateLimit-Remaining")).hasValue(Long.toString(6 - i));
        }
        for (ServeProcess node : NODES) {
            HttpResponse<String> refused = node.get(path);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong)).get()
                    .satisfies(s -> assertThat(s).isBetween(1L, 515L)); // a token every 514.3 s
        }
    }
}
