package dev.latchkey.http;

import dev.latchkey.support.TrustedProxies;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client address of audit events (and so of the login throttle and the rate-limit events, which take it from
 * the same place) behind a reverse proxy: with {@code --trusted-proxies} covering the peer (here 127.0.0.1), the
 * rightmost untrusted hop of {@code X-Forwarded-For} or {@code Forwarded}; from a peer outside them the headers are
 * ignored and the address is the peer's.
 */
class ForwardedClientAddressTest {

    /** A failed client authentication at default/admin's token endpoint, sent with {@code headers}. */
    private static void failedTokenRequest(TestServer server, String clientId, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/default/admin/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=wrong"));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        assertThat(server.send(b.build()).statusCode()).isEqualTo(401);
    }

    /** The addresses of the client authentication failures recorded for {@code clientId}. */
    @SuppressWarnings("unchecked")
    private static String addressOf(TestServer server, String clientId) throws InterruptedException {
        String token = server.adminToken();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            HttpResponse<String> r = server.get("/api/admin/default/servers/admin/audit-events?event_subject=client"
                    + "&limit=100&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            var events = (List<Map<String, Object>>) TestServer.json(r).get("audit_events");
            if (!events.isEmpty()) {
                assertThat(events).hasSize(1);
                return (String) ((Map<String, Object>) events.get(0).get("metadata")).get("ip");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no event for " + clientId + ": " + r.body());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aTrustedProxyNamesTheClient() throws Exception {
        try (TestServer server = TestServer.start(TestServer.freePort(),
                c -> c.withTrustedProxies(TrustedProxies.parse("127.0.0.1, 10.0.0.0/8")))) {
            failedTokenRequest(server, "xff-1", "X-Forwarded-For", "1.1.1.1, 203.0.113.5, 10.1.2.3");
            failedTokenRequest(server, "fwd-1", "Forwarded",
                    "for=192.0.2.60, for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.3.3.3");
            failedTokenRequest(server, "xff-2", "X-Forwarded-For", "203.0.113.5", "X-Forwarded-For", "10.1.1.1");
            failedTokenRequest(server, "none-1");

            assertThat(addressOf(server, "xff-1")).as("the rightmost hop that is not a trusted proxy")
                    .isEqualTo("203.0.113.5");
            assertThat(addressOf(server, "fwd-1")).isEqualTo("2001:db8:cafe::17");
            assertThat(addressOf(server, "xff-2")).as("repeated header lines are one list").isEqualTo("203.0.113.5");
            assertThat(addressOf(server, "none-1")).as("no header: the proxy itself").isEqualTo("127.0.0.1");
        }
    }

    @Test
    void headersFromAnUntrustedPeerAreIgnored() throws Exception {
        try (TestServer server = TestServer.start(TestServer.freePort(),
                c -> c.withTrustedProxies(TrustedProxies.parse("10.0.0.0/8")))) {
            failedTokenRequest(server, "spoof-1", "X-Forwarded-For", "203.0.113.5");
            failedTokenRequest(server, "spoof-2", "Forwarded", "for=203.0.113.6");
            assertThat(addressOf(server, "spoof-1")).isEqualTo("127.0.0.1");
            assertThat(addressOf(server, "spoof-2")).isEqualTo("127.0.0.1");
        }
    }
}
