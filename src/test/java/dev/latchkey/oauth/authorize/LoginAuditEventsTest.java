package dev.latchkey.oauth.authorize;

import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.authorize.AuthorizeTestKit.REDIRECT;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.field;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.location;
import static dev.latchkey.oauth.authorize.AuthorizeTestKit.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form's audit events: a wrong password is {@code login}/{@code failed} with the username tried,
 * the client and the IDP; a refusal because of a lockout is one too; a successful login is
 * {@code login}/{@code accepted} with the subject and its {@code amr}. The password never appears.
 */
class LoginAuditEventsTest {

    static TestServer server;
    static AuthorizeTestKit kit;
    static String client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        kit = new AuthorizeTestKit(server);
        kit.workspace("audit-login", "");
        kit.idp("audit-login", "sandbox");
        client = kit.client("audit-login");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> loginEvents(int atLeast) throws InterruptedException {
        String token = server.adminToken();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            HttpResponse<String> r = server.get("/api/admin/default/servers/audit-login/audit-events"
                    + "?event_subject=login&order=asc&limit=100", "Authorization", "Bearer " + token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("pass1").doesNotContain("wrong-password");
            var events = (List<Map<String, Object>>) TestServer.json(r).get("audit_events");
            if (events.size() >= atLeast || System.nanoTime() > deadline) {
                return events;
            }
            Thread.sleep(20);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void failedAndSuccessfulLoginsAreRecorded() throws Exception {
        var browser = kit.browser();
        String url = location(browser.authorize("audit-login", query("response_type", "code", "client_id", client,
                "redirect_uri", REDIRECT, "state", "s")));
        String page = browser.get(url).body();
        String requestId = field(page, "request_id");
        String csrf = field(page, "csrf");
        String action = url.replaceFirst("\\?.*$", "");
        assertThat(location(browser.post(action, query("request_id", requestId, "csrf", csrf, "idp", "sandbox",
                "username", "un1", "password", "wrong-password")))).endsWith("&error=invalid");
        assertThat(location(browser.post(action, query("request_id", requestId, "csrf", csrf, "idp", "sandbox",
                "username", "un1", "password", "pass1")))).startsWith(REDIRECT + "?code=");

        List<Map<String, Object>> events = loginEvents(2);
        assertThat(events).hasSize(2);
        Map<String, Object> failed = events.get(0);
        assertThat(failed).containsEntry("event_subject", "login").containsEntry("action", "failed")
                .containsEntry("server_id", "audit-login");
        assertThat(map(failed.get("metadata"))).containsEntry("client_id", client).containsEntry("subject", "un1")
                .containsKeys("ip", "user_agent");
        assertThat(map(map(failed.get("payload")).get("login_failed"))).containsEntry("error", "invalid_credentials")
                .containsEntry("idp", Map.of("id", "sandbox", "method", "static"));
        Map<String, Object> accepted = events.get(1);
        assertThat(accepted).containsEntry("event_subject", "login").containsEntry("action", "accepted");
        assertThat(map(accepted.get("metadata"))).containsEntry("client_id", client).containsEntry("subject", "un1");
        assertThat(map(map(accepted.get("payload")).get("login_accepted"))).containsEntry("amr", List.of("pwd"));
    }

    @Test
    void aLockedOutLoginIsAFailedLogin() throws Exception {
        kit.workspace("audit-lock", "");
        kit.idp("audit-lock", "sandbox");
        String lockClient = kit.client("audit-lock");
        var browser = kit.browser();
        String url = location(browser.authorize("audit-lock", query("response_type", "code", "client_id",
                lockClient, "redirect_uri", REDIRECT)));
        String page = browser.get(url).body();
        String action = url.replaceFirst("\\?.*$", "");
        for (int i = 0; i < 6; i++) {
            browser.post(action, query("request_id", field(page, "request_id"), "csrf", field(page, "csrf"),
                    "idp", "sandbox", "username", "un1", "password", "bad" + i));
        }
        String token = server.adminToken();
        long deadline = System.nanoTime() + 10_000_000_000L;
        HttpResponse<String> r;
        do {
            Thread.sleep(20);
            r = server.get("/api/admin/default/servers/audit-lock/audit-events?event_subject=login"
                    + "&event_action=failed&limit=100", "Authorization", "Bearer " + token);
        } while (!r.body().contains("\"locked\"") && System.nanoTime() < deadline);
        assertThat(r.body()).contains("\"locked\"").contains("\"invalid_credentials\"");
    }
}
