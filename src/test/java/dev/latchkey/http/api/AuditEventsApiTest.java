package dev.latchkey.http.api;

import dev.latchkey.client.Client;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static dev.latchkey.http.api.AuditEventsApiTestKit.basic;
import static dev.latchkey.http.api.AuditEventsApiTestKit.enc;
import static dev.latchkey.http.api.AuditEventsApiTestKit.ids;
import static dev.latchkey.http.api.AuditEventsApiTestKit.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * listAuditEvents over HTTP: a change through the Admin API, a token issued, a failed client authentication
 * and a revocation each appear with their actor, address and user agent (never the token); the filters;
 * keyset paging in both directions and both orders walks every event exactly once; the System API needs
 * {@code view_audit_events}; other tenants' and workspaces' tokens are refused; bad parameters are 400s.
 */
class AuditEventsApiTest {

    static TestServer server;
    static AuditEventsApiTestKit kit;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        kit = new AuditEventsApiTestKit(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void changesTokensFailedAuthenticationsAndRevocationsAreRecordedWithTheirActor() {
        kit.workspace("audit-a");
        String[] svc = kit.service("audit-a");
        HttpResponse<String> issued = kit.token("audit-a", svc[0], svc[1]);
        assertThat(issued.statusCode()).isEqualTo(200);
        String token = (String) TestServer.json(issued).get("access_token");
        assertThat(kit.token("audit-a", svc[0], svc[1] + "-wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> revoked = server.postForm("/default/audit-a/oauth2/revoke", "token=" + token,
                "Authorization", basic(svc[0], svc[1]));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(server.postForm("/default/audit-a/oauth2/introspect", "token=" + token, "Authorization",
                basic(svc[0], "not-the-secret")).statusCode()).isEqualTo(401);

        List<Map<String, Object>> events = kit.await("audit-a", "order=asc", e -> e.size() >= 6
                && e.stream().anyMatch(x -> "tokens".equals(x.get("event_subject"))));
        assertThat(kit.list("audit-a", "limit=100").body()).doesNotContain(token).doesNotContain(svc[1]);

        Map<String, Object> created = find(events, "client", "created");
        assertThat(created).containsEntry("tenant_id", "default").containsEntry("server_id", "audit-a");
        assertThat(map(created.get("metadata"))).containsEntry("client_id", TestServer.ADMIN_CLIENT_ID)
                .containsKeys("ip", "user_agent");
        assertThat(map(created.get("context"))).containsEntry("object_id", svc[0]);
        assertThat(map(created.get("payload"))).containsKey("client_created");

        Map<String, Object> tokenEvent = find(events, "access_token", "issued");
        assertThat(map(tokenEvent.get("metadata"))).containsEntry("client_id", svc[0]).containsEntry("subject", svc[0])
                .containsEntry("ip", map(created.get("metadata")).get("ip"));
        assertThat((String) map(tokenEvent.get("metadata")).get("user_agent")).contains("Java-http-client");
        assertThat(map(map(tokenEvent.get("payload")).get("access_token_issued")))
                .containsEntry("grant_type", "client_credentials").containsEntry("client_id", svc[0])
                .containsKey("scopes");
        assertThat(Instant.parse((String) tokenEvent.get("timestamp")))
                .isEqualTo(server.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));

        Map<String, Object> failed = find(events, "client", "failed");
        assertThat(map(failed.get("metadata"))).containsEntry("client_id", svc[0]);
        assertThat(map(map(failed.get("payload")).get("client_failed"))).containsEntry("error", "invalid_client")
                .containsEntry("endpoint", "/oauth2/token");
        assertThat(kit.events("audit-a", "event_subject=client&event_action=failed")).hasSize(2)
                .anySatisfy(e -> assertThat(map(map(e.get("payload")).get("client_failed")))
                        .containsEntry("endpoint", "/oauth2/introspect"));

        Map<String, Object> revocation = find(events, "tokens", "revoked");
        assertThat(map(revocation.get("metadata"))).containsEntry("client_id", svc[0]);
        assertThat(map(map(revocation.get("payload")).get("tokens_revoked"))).containsEntry("type", "access_token")
                .containsEntry("token_client_id", svc[0]);
    }

    @Test
    void filtersAndKeysetPagingWalkEveryEventOnceInBothDirections() {
        kit.workspace("audit-p");
        String[] svc = kit.service("audit-p");
        Instant start = server.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        for (int i = 0; i < 25; i++) {
            assertThat(kit.token("audit-p", svc[0], svc[1]).statusCode()).isEqualTo(200);
            if (i % 2 == 0) {
                server.clock.advance(Duration.ofSeconds(1)); // some events share their time: the id orders them
            }
        }
        for (int i = 0; i < 3; i++) {
            assertThat(kit.token("audit-p", "nobody", "nothing").statusCode()).isEqualTo(401);
        }
        // 25 tokens, 3 failures, the workspace and the client created
        List<Map<String, Object>> asc = kit.await("audit-p", "order=asc&limit=100", e -> e.size() == 30);
        List<Map<String, Object>> desc = kit.events("audit-p", "limit=100");
        assertThat(ids(desc)).isEqualTo(reversed(ids(asc)));
        assertThat(new HashSet<>(ids(asc))).hasSize(30);
        for (int i = 1; i < asc.size(); i++) {
            assertThat(Instant.parse((String) asc.get(i).get("timestamp")))
                    .isAfterOrEqualTo(Instant.parse((String) asc.get(i - 1).get("timestamp")));
        }
        assertThat(kit.events("audit-p", "")).hasSize(20); // the default limit
        assertThat(ids(kit.events("audit-p", ""))).isEqualTo(ids(desc).subList(0, 20)); // newest first

        for (String order : List.of("asc", "desc")) {
            List<String> all = order.equals("asc") ? ids(asc) : ids(desc);
            List<String> forward = new ArrayList<>();
            List<Map<String, Object>> page = kit.events("audit-p", "limit=7&order=" + order);
            List<Map<String, Object>> last = page;
            while (!page.isEmpty()) {
                assertThat(page.size()).isLessThanOrEqualTo(7);
                forward.addAll(ids(page));
                last = page;
                page = kit.events("audit-p", "limit=7&order=" + order + "&after_event_id="
                        + page.get(page.size() - 1).get("event_id"));
            }
            assertThat(forward).isEqualTo(all);
            List<String> backward = new ArrayList<>(ids(last));
            page = last;
            while (true) {
                page = kit.events("audit-p", "limit=7&sort=timestamp&order=" + order + "&before_event_id="
                        + page.get(0).get("event_id"));
                if (page.isEmpty()) {
                    break;
                }
                backward.addAll(0, ids(page));
            }
            assertThat(backward).isEqualTo(all);
        }

        // filters
        assertThat(kit.events("audit-p", "limit=100&client_id=" + svc[0])).hasSize(25)
                .allSatisfy(e -> assertThat(map(e.get("metadata"))).containsEntry("client_id", svc[0]));
        assertThat(kit.events("audit-p", "limit=100&subject=" + svc[0])).hasSize(25);
        assertThat(kit.events("audit-p", "limit=100&client_id=nobody")).hasSize(3)
                .allSatisfy(e -> assertThat(e).containsEntry("event_subject", "client").containsEntry("action",
                        "failed"));
        assertThat(kit.events("audit-p", "limit=100&event_subject=client&event_action=failed")).hasSize(3);
        assertThat(kit.events("audit-p", "limit=100&event_subject=client")).hasSize(4); // and the one created
        assertThat(kit.events("audit-p", "limit=100&event_subject=client,server")).hasSize(5);
        assertThat(kit.events("audit-p", "limit=100&event_subject=client&event_subject=access_token")).hasSize(29);
        assertThat(kit.events("audit-p", "limit=100&event_action=issued&event_action=created")).hasSize(27);
        String ip = (String) map(asc.get(0).get("metadata")).get("ip");
        assertThat(ip).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(kit.events("audit-p", "limit=100&ip=" + enc(ip))).hasSize(30);
        assertThat(kit.events("audit-p", "limit=100&ip=10.0.0.1")).isEmpty();
        String from = start.plusSeconds(3).toString();
        String to = start.plusSeconds(5).toString();
        // tokens 6..11 were issued between start+3 s and start+5 s (two per second, the clock moving after evens)
        List<Map<String, Object>> window = kit.events("audit-p", "limit=100&event_subject=access_token"
                + "&timestamp_from=" + enc(from) + "&timestamp_to=" + enc(to));
        assertThat(window).hasSize(6).allSatisfy(e -> assertThat(Instant.parse((String) e.get("timestamp")))
                .isBetween(Instant.parse(from), Instant.parse(to)));
        assertThat(kit.events("audit-p", "event_subject=access_token&timestamp_to=" + enc(start.minusSeconds(1)
                .toString()))).isEmpty();
        // another workspace's events are not this one's, and its ids are no cursor here
        assertThat(kit.events("default", "limit=100&client_id=" + svc[0])).isEmpty();
        HttpResponse<String> foreignCursor = kit.list("default", "after_event_id=" + asc.get(0).get("event_id"));
        assertThat(foreignCursor.statusCode()).isEqualTo(400);
    }

    @Test
    void theSystemApiNeedsViewAuditEventsAndForeignTokensAreRefused() {
        var clients = server.server().parts().clients();
        clients.insert(Client.service("default", "system", "auditor-client", "auditor",
                "auditor-client-secret-0123456789abcdef", List.of("view_audit_events"), false, Instant.now()));
        clients.insert(Client.service("default", "system", "viewer-client", "viewer",
                "viewer-client-secret-0123456789abcdef", List.of("view_clients"), false, Instant.now()));
        String auditor = server.token("/default/system/oauth2/token", "auditor-client",
                "auditor-client-secret-0123456789abcdef", "view_audit_events");
        String viewer = server.token("/default/system/oauth2/token", "viewer-client",
                "viewer-client-secret-0123456789abcdef", null);
        String systemTenant = server.token("/system/system/oauth2/token", "system", TestServer.SYSTEM_CLIENT_SECRET,
                null);
        String admin = kit.http.adminToken();
        String system = "/api/system/default/servers/admin/audit-events";

        HttpResponse<String> ok = kit.http.get(system + "?limit=100", "Authorization", "Bearer " + auditor);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("\"audit_events\"");
        assertThat(kit.http.get(system, "Authorization", "Bearer " + viewer).statusCode()).isEqualTo(403);
        assertThat(kit.http.get(system, "Authorization", "Bearer " + admin).statusCode()).isEqualTo(403);
        assertThat(kit.http.get(system, "Authorization", "Bearer " + systemTenant).statusCode()).isEqualTo(403);
        assertThat(kit.http.get(system, "Authorization", "").statusCode()).isEqualTo(401);
        // the Admin API: only the tenant's admin workspace tokens
        assertThat(kit.http.get(AuditEventsApiTestKit.path("default", "admin"), "Authorization", "Bearer " + auditor)
                .statusCode()).isEqualTo(403);
        assertThat(kit.http.get(AuditEventsApiTestKit.path("system", "admin"), "Authorization", "Bearer " + admin)
                .statusCode()).isEqualTo(403);
        assertThat(kit.http.get("/api/system/system/servers/admin/audit-events", "Authorization", "Bearer " + auditor)
                .statusCode()).isEqualTo(403);
        assertThat(kit.http.get(AuditEventsApiTestKit.path("default", "admin"), "Authorization", "Bearer garbage")
                .statusCode()).isEqualTo(401);
    }

    @Test
    void badParametersAreRefusedWith400NamingThem() {
        for (String query : List.of("limit=0", "limit=101", "limit=ten", "order=up", "sort=name",
                "event_subject=nonsense", "event_action=exploded", "event_subject=client,nonsense",
                "timestamp_from=yesterday", "timestamp_to=2026-13-01T00:00:00Z",
                "timestamp_from=2026-11-27T10:00:00Z&timestamp_to=2026-11-26T10:00:00Z", "ip=not-an-ip",
                "after_event_id=x&before_event_id=y", "after_event_id=no-such-event", "before_event_id=%27%3B--",
                "session_id=s1", "idp_id=i1", "limit=1&limit=2", "client_id=" + "c".repeat(256))) {
            HttpResponse<String> r = kit.list("admin", query);
            assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(400);
            Map<String, Object> body = TestServer.json(r);
            assertThat(body).containsEntry("status_code", 400).containsEntry("error_code", "bad_request");
            assertThat(map(body.get("details"))).containsKey("parameter");
        }
        // the admin workspace lists the tenant-wide events too; a workspace without events lists none
        assertThat(kit.await("admin", "limit=100", e -> !e.isEmpty())).isNotEmpty(); // written asynchronously
        assertThat(kit.events("no-such-workspace", "")).isEmpty();
    }

    private static Map<String, Object> find(List<Map<String, Object>> events, String subject, String action) {
        return events.stream().filter(e -> subject.equals(e.get("event_subject")) && action.equals(e.get("action")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + subject + "/" + action + " in " + events));
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
