package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.latchkey.http.api.AuditEventsApiTestKit.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security events reach the database: the events of requests answered before a graceful shutdown are all
 * readable after the restart (the queue is drained before the database closes), and a rate limit's 429s
 * are recorded, once a minute per tenant, API group and address, however many there are.
 */
class AuditEventsDeliveryTest {

    static TestServer server;
    static AuditEventsApiTestKit kit;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.freePort(), c -> c.withRateLimits("default"));
        kit = new AuditEventsApiTestKit(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eventsOfRequestsAnsweredBeforeAShutdownAreReadableAfterTheRestart() {
        String[] svc = kit.service("default");
        for (int i = 0; i < 40; i++) {
            assertThat(kit.token("default", svc[0], svc[1]).statusCode()).isEqualTo(200);
        }
        server.restart();
        // no waiting: every event was written before the database closed
        List<Map<String, Object>> events = kit.events("default", "limit=100&event_subject=access_token&client_id="
                + svc[0]);
        assertThat(events).hasSize(40);
        assertThat(server.server().parts().audit().dropped()).isZero();
    }

    @Test
    void aRateLimitsRefusalsAreRecordedOnceAMinute() throws Exception {
        String token = kit.http.adminToken();
        server.clock.advance(Duration.ofMinutes(5)); // a full admin bucket
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            calls.add(pool.submit(() -> server.get("/api/admin/default/tenant", "Authorization", "Bearer " + token)));
        }
        int limited = 0;
        for (Future<HttpResponse<String>> call : calls) {
            limited += call.get().statusCode() == 429 ? 1 : 0;
        }
        pool.shutdown();
        assertThat(limited).isGreaterThan(1);

        String query = "limit=100&event_subject=request&event_action=denied";
        List<Map<String, Object>> events = kit.await("admin", query, e -> !e.isEmpty());
        Thread.sleep(300); // time for any further event to be written
        events = kit.events("admin", query);
        assertThat(events).hasSize(1);
        Map<String, Object> denied = events.get(0);
        assertThat(denied).containsEntry("tenant_id", "default").doesNotContainKey("server_id");
        assertThat(map(map(denied.get("payload")).get("request_denied"))).containsEntry("reason", "rate_limited")
                .containsEntry("group", "admin").containsEntry("path", "/api/admin/default/tenant");
        assertThat(map(denied.get("metadata"))).containsKeys("ip", "user_agent");

        // a minute later the next refusal is recorded again
        server.clock.advance(Duration.ofMinutes(5));
        int again = 0;
        for (int i = 0; i < 80 && again == 0; i++) {
            again += server.get("/api/admin/default/tenant", "Authorization", "Bearer " + kit.http.adminToken())
                    .statusCode() == 429 ? 1 : 0;
        }
        assertThat(again).isEqualTo(1);
        assertThat(kit.await("admin", query, e -> e.size() == 2)).hasSize(2);
    }
}
