package dev.latchkey.http.api;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static dev.latchkey.http.api.MfaMethodsApiTestHttp.BASE;
import static dev.latchkey.http.api.MfaMethodsApiTestHttp.error;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test-OTP endpoint's own rate limit (seed, "OTP Rate Limits"): one request per minute per tenant,
 * burst one, on a server with the default limits. The refused call sends nothing; after a minute of the
 * server's clock the endpoint delivers again. The CRUD endpoints spend from the admin group instead.
 */
class MfaMethodsApiTestRateLimitTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(TestServer.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static TestServer server;
    static MfaMethodsApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.freePort(), c -> c.withRateLimits("default"));
        http = new MfaMethodsApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void oneTestPerMinuteThen429WithRetryAfterAndNoMailThenAgain() throws Exception {
        server.clock.advance(Duration.ofMinutes(2)); // a full bucket, whatever ran before
        String id = http.create("""
                {"mechanism": "email", "enabled": true,
                 "auth": {"email": {"host": "127.0.0.1", "port": %d, "tls": "none"}}}"""
                .formatted(MAIL.getSmtp().getPort()));

        HttpResponse<String> first = http.test(id, "alice@example.com");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("1");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(MAIL.waitForIncomingEmail(5_000, 1)).isTrue();

        HttpResponse<String> second = http.test(id, "alice@example.com");
        Map<String, Object> body = error(second, 429);
        assertThat(body).containsEntry("error", "Too many requests").containsEntry("error_code", "too_many_requests");
        assertThat(second.headers().firstValue("Retry-After")).hasValue("60");
        // the refused call sent nothing, and the admin group is a separate budget
        Thread.sleep(300);
        assertThat(MAIL.getReceivedMessages()).hasSize(1);
        assertThat(http.get(BASE + "/" + id).statusCode()).isEqualTo(200);

        server.clock.advance(Duration.ofSeconds(59));
        error(http.test(id, "alice@example.com"), 429);
        server.clock.advance(Duration.ofSeconds(1));
        assertThat(http.test(id, "alice@example.com").statusCode()).isEqualTo(200);
        assertThat(MAIL.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(MAIL.getReceivedMessages()).hasSize(2);
    }

    @Test
    void theLimitIsPerTenantAndSpentBeforeTheHandler() {
        server.clock.advance(Duration.ofMinutes(2)); // full buckets
        error(http.test("no-such-method", "alice@example.com"), 404); // spends default's one token
        error(http.test("no-such-method", "alice@example.com"), 429);

        // another tenant's budget is untouched: the caller is refused for its token (403), not limited
        HttpResponse<String> other = http.call("POST", "/api/admin/system/mfa-methods/x/test", server.adminToken(),
                "{\"address\": \"a@example.com\"}");
        error(other, 403);
        assertThat(other.headers().firstValue("X-RateLimit-Limit")).hasValue("1");
        assertThat(other.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    }
}
