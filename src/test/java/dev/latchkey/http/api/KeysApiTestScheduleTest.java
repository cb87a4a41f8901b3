package dev.latchkey.http.api;

import dev.latchkey.manage.KeyRotationScheduler;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.latchkey.http.api.KeysApiTestHttp.assertError;
import static dev.latchkey.http.api.KeysApiTestHttp.keysPath;
import static dev.latchkey.http.api.KeysApiTestHttp.kids;
import static dev.latchkey.http.api.KeysApiTestHttp.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic key rotation: the settings resource (getAutomaticKeyRotation, setAutomaticKeyRotation) with its
 * validation and ETags, and the rotations the server carries out when the (test) clock passes
 * {@code scheduled_at}: once per due time, also when several callers check at once.
 */
class KeysApiTestScheduleTest {

    static TestServer server;
    static KeysApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new KeysApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String settings(String wid) {
        return keysPath("default", wid) + "/automatic-key-rotation";
    }

    private static KeyRotationScheduler scheduler() {
        return server.server().parts().keyRotation();
    }

    private static Map<String, Object> put(String wid, String body) {
        HttpResponse<String> response = http.put(settings(wid), server.adminToken(), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response);
    }

    private static Instant nextWholeHour(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    }

    @Test
    void settingsAreDisabledUntilSet() {
        HttpResponse<String> response = http.get(settings("admin") + "?use=enc", server.adminToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).isPresent();
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsOnlyKeys("enabled", "cron", "starting_from", "scheduled_at");
        assertThat(body).containsEntry("enabled", false).containsEntry("cron", "");
        assertThat(body.get("scheduled_at")).isNull();
    }

    @Test
    void enablingComputesScheduledAtAndGetReturnsTheSameWithTheSameETag() {
        Instant now = server.clock.instant();
        HttpResponse<String> response = http.put(settings("admin") + "?use=sig", server.adminToken(),
                "{\"enabled\": true, \"cron\": \"0 3 * * *\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> body = TestServer.json(response);
        Instant expected = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(3, 0).toInstant(ZoneOffset.UTC);
        if (!expected.isAfter(now)) {
            expected = expected.plus(Duration.ofDays(1));
        }
        assertThat(body).containsEntry("enabled", true).containsEntry("cron", "0 3 * * *")
                .containsEntry("scheduled_at", expected.toString());
        assertThat(body.get("starting_from")).isNull();
        HttpResponse<String> read = http.get(settings("admin"), server.adminToken());
        assertThat(TestServer.json(read)).isEqualTo(body);
        assertThat(read.headers().firstValue("ETag")).isEqualTo(response.headers().firstValue("ETag"));
        assertThat(http.auditActions("key_rotation", "sig")).contains("updated");

        // disabled again: no schedule; a given cron is kept
        Map<String, Object> disabled = put("admin", "{\"enabled\": false, \"cron\": \"0 3 * * *\"}");
        assertThat(disabled).containsEntry("enabled", false).containsEntry("cron", "0 3 * * *");
        assertThat(disabled.get("scheduled_at")).isNull();
    }

    @Test
    void startingFromDelaysTheFirstRotationAndScheduledAtInTheRequestIsIgnored() {
        Instant from = server.clock.instant().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = put("admin", "{\"enabled\": true, \"cron\": \"@daily\", \"starting_from\": \""
                + from + "\", \"scheduled_at\": \"2000-01-01T00:00:00Z\"}");

        Instant expected = from.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(from.equals(
                from.truncatedTo(ChronoUnit.DAYS)) ? 0 : 1));
        assertThat(body).containsEntry("starting_from", from.toString())
                .containsEntry("scheduled_at", expected.toString());
        put("admin", "{\"enabled\": false, \"cron\": \"\"}");
    }

    @Test
    void dueRotationHappensOnceWhenTheClockPassesScheduledAt() {
        Map<String, Object> before = http.keys("default", "default", "sig");
        Map<String, Object> encBefore = http.keys("default", "default", "enc");
        Map<String, Object> body = put("default", "{\"enabled\": true, \"cron\": \"0 * * * *\"}");
        Instant scheduledAt = Instant.parse((String) body.get("scheduled_at"));
        assertThat(scheduledAt).isEqualTo(nextWholeHour(server.clock.instant()));

        assertThat(scheduler().rotateDueKeys()).as("not due yet").isZero();
        assertThat(http.keys("default", "default", "sig")).isEqualTo(before);

        server.clock.advance(Duration.between(server.clock.instant(), scheduledAt).plusSeconds(5));
        // the server's own timer may get there first (it checks every 10 s): either way, one rotation
        assertThat(scheduler().rotateDueKeys()).isLessThanOrEqualTo(1);
        assertThat(scheduler().rotateDueKeys()).as("once per due time").isZero();

        Map<String, Object> after = http.keys("default", "default", "sig");
        assertThat(map(after.get("current_key")).get("kid")).isEqualTo(map(before.get("next_key")).get("kid"));
        assertThat(kids(after.get("rotated_keys"))).startsWith((String) map(before.get("current_key")).get("kid"))
                .hasSize(kids(before.get("rotated_keys")).size() + 1);
        // the key type is kept (ES256), the encryption keys have their own schedule
        assertThat(map(after.get("next_key"))).containsEntry("alg", "ES256");
        assertThat(http.keys("default", "default", "enc")).isEqualTo(encBefore);
        assertThat(http.auditActions("key", (String) map(after.get("current_key")).get("kid"))).containsExactly("rotated");
        Map<String, Object> moved = TestServer.json(http.get(settings("default"), server.adminToken()));
        assertThat(moved.get("scheduled_at")).isEqualTo(nextWholeHour(server.clock.instant()).toString());

        // a new token is signed with the new current key
        String token = http.tokenOfWorkspace("default", "default", "scheduled000000000001");
        assertThat(KeysApiTestHttp.kidOf(token)).isEqualTo(map(after.get("current_key")).get("kid"));
        put("default", "{\"enabled\": false, \"cron\": \"\"}");
    }

    @Test
    void concurrentChecksRotateADueWorkspaceOnlyOnce() throws Exception {
        HttpResponse<String> set = http.put(settings("system") + "?use=enc", server.adminToken(),
                "{\"enabled\": true, \"cron\": \"*/5 * * * *\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        Map<String, Object> body = TestServer.json(set);
        Instant scheduledAt = Instant.parse((String) body.get("scheduled_at"));
        Map<String, Object> before = http.keys("default", "system", "enc");
        server.clock.advance(Duration.between(server.clock.instant(), scheduledAt).plusSeconds(1));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> checks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                checks.add(() -> scheduler().rotateDueKeys());
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(checks)) {
                total += result.get();
            }
            // at most one of them (none if the server's own timer got there first)
            assertThat(total).isLessThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> after = http.keys("default", "system", "enc");
        assertThat(kids(after.get("rotated_keys"))).hasSize(kids(before.get("rotated_keys")).size() + 1);
        assertThat(map(after.get("current_key")).get("kid")).isEqualTo(map(before.get("next_key")).get("kid"));
        http.put(settings("system") + "?use=enc", server.adminToken(), "{\"enabled\": false, \"cron\": \"\"}");
    }

    @Test
    void theServersOwnTimerRotatesWhatIsDue() throws Exception {
        String path = keysPath("system", "admin");
        String systemAdmin = http.tokenOfWorkspace("system", "admin", "sysadmin0000000000020");
        Map<String, Object> before = TestServer.json(http.get(path, systemAdmin));
        HttpResponse<String> set = http.put(path + "/automatic-key-rotation", systemAdmin,
                "{\"enabled\": true, \"cron\": \"* * * * *\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(2));

        // the timer checks every 10 seconds: wait for it, bounded
        Object current = map(before.get("current_key")).get("kid");
        for (int i = 0; i < 60 && current.equals(map(before.get("current_key")).get("kid")); i++) {
            Thread.sleep(500);
            current = map(TestServer.json(http.get(path, systemAdmin)).get("current_key")).get("kid");
        }
        assertThat(current).isEqualTo(map(before.get("next_key")).get("kid"));
        http.put(path + "/automatic-key-rotation", systemAdmin, "{\"enabled\": false, \"cron\": \"\"}");
    }

    @Test
    void invalidSettingsAre400AndChangeNothing() {
        String path = settings("default") + "?use=enc";
        HttpResponse<String> read = http.get(path, server.adminToken());
        String token = server.adminToken();
        Map<String, String> bad = Map.ofEntries(
                Map.entry("{\"enabled\": true, \"cron\": \"61 * * * *\"}", "cron"),
                Map.entry("{\"enabled\": true, \"cron\": \"* * * *\"}", "cron"),
                Map.entry("{\"enabled\": true, \"cron\": \"0 0 30 2 *\"}", "cron"),
                Map.entry("{\"enabled\": true, \"cron\": \"\"}", "cron"),
                Map.entry("{\"enabled\": false, \"cron\": \"nonsense\"}", "cron"),
                Map.entry("{\"cron\": \"0 * * * *\"}", "enabled"),
                Map.entry("{\"enabled\": true}", "cron"),
                Map.entry("{\"enabled\": true, \"cron\": null}", "cron"),
                Map.entry("{\"enabled\": \"yes\", \"cron\": \"0 * * * *\"}", "enabled"),
                Map.entry("{\"enabled\": true, \"cron\": [\"0 * * * *\"]}", "cron"),
                Map.entry("{\"enabled\": true, \"cron\": \"0 * * * *\", \"starting_from\": \"tomorrow\"}", "starting_from"),
                Map.entry("{\"enabled\": true, \"cron\": \"0 * * * *\", \"starting_from\": 5}", "starting_from"),
                Map.entry("{\"enabled\": true, \"cron\": \"0 * * * *\", \"interval\": \"1h\"}", "interval"));
        bad.forEach((body, field) -> {
            Map<String, Object> error = assertError(http.put(path, token, body), 400);
            assertThat(map(error.get("details"))).as(body).containsEntry("field", field);
        });
        for (String body : List.of("", "{", "[]", "null", "\"text\"", "{\"enabled\": true,}")) {
            assertError(http.put(path, token, body), 400);
        }
        assertError(http.put(path, token, "{\"enabled\": true, \"cron\": \"" + "1,".repeat(600_000) + "1 * * * *\"}"), 413);
        assertThat(http.get(path, server.adminToken()).body()).isEqualTo(read.body());
    }

    @Test
    void staleIfMatchIs412AndTheCurrentETagIsAccepted() {
        String path = settings("admin") + "?use=enc";
        HttpResponse<String> read = http.get(path, server.adminToken());
        String etag = read.headers().firstValue("ETag").orElseThrow();

        assertError(http.put(path, server.adminToken(), "{\"enabled\": true, \"cron\": \"@weekly\"}",
                "If-Match", "\"stale\""), 412);
        assertThat(http.get(path, server.adminToken()).body()).isEqualTo(read.body());

        HttpResponse<String> written = http.put(path, server.adminToken(), "{\"enabled\": true, \"cron\": \"@weekly\"}",
                "If-Match", etag);
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertError(http.put(path, server.adminToken(), "{\"enabled\": false, \"cron\": \"\"}", "If-Match", etag), 412);
        http.put(path, server.adminToken(), "{\"enabled\": false, \"cron\": \"\"}");
    }
}
