package dev.latchkey.http;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operations endpoints: liveness, readiness (database reachable) and Prometheus metrics. */
class OperationsTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aliveAnswers200() {
        HttpResponse<String> response = server.get("/alive");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(response)).isEqualTo(Map.of("status", "alive"));
    }

    @Test
    void readyAnswers200WhenTheDatabaseIsReachable() {
        HttpResponse<String> response = server.get("/ready");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(TestServer.json(response)).isEqualTo(Map.of("status", "ready"));
    }

    @Test
    void metricsArePrometheusTextWithTheStatementCounter() {
        HttpResponse<String> response = server.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body())
                .contains("# TYPE latchkey_db_statements_total counter")
                .containsPattern("(?m)^latchkey_db_statements_total(\\{[^}]*})? [0-9]");
    }

    @Test
    void unknownOperationsPathIs404() {
        assertThat(server.get("/no-such-path").statusCode()).isEqualTo(404);
    }
}
