package dev.latchkey.http;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics}: the request timer per route template (never a raw path with tenant ids) and status,
 * tokens issued per grant type, rate-limit rejections per group, cache statistics, the database pool and the
 * JVM, in Prometheus's text format.
 */
class MetricsTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.freePort(), c -> c.withRateLimits("default"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String scrape() {
        HttpResponse<String> response = server.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("text/plain"));
        return response.body();
    }

    /**
     * A scrape once it has a sample of {@code name} with {@code labels}: a request is timed when its handler
     * returns, which may be just after the client has read the response.
     */
    private static String scrapeWith(String name, String... labels) throws InterruptedException {
        String metrics = scrape();
        for (int i = 0; i < 50 && Double.isNaN(sample(metrics, name, labels)); i++) {
            Thread.sleep(20);
            metrics = scrape();
        }
        return metrics;
    }

    /** The value of the first sample of {@code name} whose labels include every one of {@code labels}. */
    private static double sample(String metrics, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{(.*)} (\\S+)$").matcher(metrics);
        while (m.find()) {
            String found = m.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }

    @Test
    void tokenRequestIsTimedByRouteTemplateAndStatusAndCountedByGrantType() throws Exception {
        double before = sample(scrape(), "latchkey_tokens_issued_total", "grant_type=\"client_credentials\"");
        server.adminToken();
        server.postForm("/default/admin/oauth2/token", "grant_type=client_credentials&client_id=nobody"
                + "&client_secret=wrong");
        String token = "route=\"/{tid}/{aid}/oauth2/token\"";
        scrapeWith("latchkey_http_requests_seconds_count", token, "status=\"200\"");
        String metrics = scrapeWith("latchkey_http_requests_seconds_count", token, "status=\"401\"");

        assertThat(sample(metrics, "latchkey_http_requests_seconds_count", "method=\"POST\"", token,
                "status=\"200\"")).isGreaterThanOrEqualTo(1);
        assertThat(sample(metrics, "latchkey_http_requests_seconds_count", token, "status=\"401\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(metrics, "latchkey_http_requests_seconds_bucket", token, "status=\"200\"", "le=\"+Inf\""))
                .isGreaterThanOrEqualTo(1);
        // the raw path, with its tenant, is never a label
        assertThat(metrics).doesNotContain("route=\"/default/admin");
        double after = sample(metrics, "latchkey_tokens_issued_total", "grant_type=\"client_credentials\"");
        assertThat(after - (Double.isNaN(before) ? 0 : before)).isEqualTo(1);
        assertThat(sample(metrics, "latchkey_tokens_issued_total", "grant_type=\"refresh_token\"")).isZero();
    }

    @Test
    void unknownPathsShareOneRouteLabel() throws Exception {
        server.get("/no/such/thing/" + System.nanoTime());
        String metrics = scrapeWith("latchkey_http_requests_seconds_count",
                "route=\"" + HttpMetrics.NO_ROUTE + "\"", "status=\"404\"");
        assertThat(sample(metrics, "latchkey_http_requests_seconds_count", "route=\"" + HttpMetrics.NO_ROUTE + "\"",
                "status=\"404\"")).isGreaterThanOrEqualTo(1);
        assertThat(metrics).doesNotContain("/no/such/thing");
    }

    @Test
    void rateLimitRejectionsAreCountedByGroup() {
        String metrics = scrape();
        assertThat(sample(metrics, "latchkey_ratelimit_rejections_total", "group=\"oauth2\"")).isZero();
        // the free tier lets a tenant make a burst of 50 management calls, then refuses with 429
        String admin = "Bearer " + server.adminToken();
        int refused = 0;
        for (int i = 0; i < 400 && refused == 0; i++) {
            if (server.get("/api/admin/default/clients", "Authorization", admin).statusCode() == 429) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(1);
        assertThat(sample(scrape(), "latchkey_ratelimit_rejections_total", "group=\"admin\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void cachesPoolAndJvmArePublished() {
        server.adminToken();
        String metrics = scrape();
        assertThat(sample(metrics, "cache_gets_total", "cache=\"clients\"", "result=\"hit\"")).isNotNaN();
        assertThat(sample(metrics, "cache_gets_total", "cache=\"workspaces\"", "result=\"miss\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(metrics, "hikaricp_connections_max", "pool=\"latchkey\"")).isGreaterThan(0);
        assertThat(sample(metrics, "jvm_memory_used_bytes", "area=\"heap\"")).isGreaterThan(0);
        assertThat(metrics).contains("jvm_gc_").contains("process_cpu_usage").contains("latchkey_db_statements_total")
                .contains("process_uptime_seconds");
    }

    @Test
    void thePoolIsSizedByItsOptions() throws Exception {
        try (TestServer sized = TestServer.start(TestServer.freePort(), c -> c.withPool(
                new dev.latchkey.config.PoolOptions(4, 2, java.time.Duration.ofSeconds(2))))) {
            String metrics = sized.get("/metrics").body();
            assertThat(sample(metrics, "hikaricp_connections_max", "pool=\"latchkey\"")).isEqualTo(4);
            assertThat(sample(metrics, "hikaricp_connections_min", "pool=\"latchkey\"")).isEqualTo(2);
            assertThat(metrics).contains("hikaricp_connections_active{").contains("hikaricp_connections_pending{")
                    .contains("hikaricp_connections_acquire_seconds");
        }
    }
}
