package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls of the audit event tests: workspaces and clients through the Admin API, token requests, listings. */
final class AuditEventsApiTestKit {

    final TestServer server;
    final ClientsApiTestHttp http;

    AuditEventsApiTestKit(TestServer server) {
        this.server = server;
        this.http = new ClientsApiTestHttp(server);
    }

    static String path(String tenant, String workspace) {
        return "/api/admin/" + tenant + "/servers/" + workspace + "/audit-events";
    }

    void workspace(String id) {
        HttpResponse<String> r = http.post("/api/admin/default/servers", """
                {"tenant_id": "default", "id": "%s", "name": "Audit %s", "type": "regular",
                 "grant_types": ["client_credentials"]}""".formatted(id, id));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** A service client of {@code default/<workspace>}: its id and secret. */
    String[] service(String workspace) {
        Map<String, Object> client = http.createService(workspace);
        return new String[] {(String) client.get("client_id"), (String) client.get("client_secret")};
    }

    HttpResponse<String> token(String workspace, String clientId, String secret) {
        return http.token("/default/" + workspace + "/oauth2/token", clientId, secret);
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    HttpResponse<String> list(String workspace, String query) {
        return http.get(path("default", workspace) + (query.isEmpty() ? "" : "?" + query));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events(String workspace, String query) {
        HttpResponse<String> r = list(workspace, query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return (List<Map<String, Object>>) TestServer.json(r).get("audit_events");
    }

    /** Lists until {@code done} holds (security events are written a moment after the request), 10 s at most. */
    List<Map<String, Object>> await(String workspace, String query, Predicate<List<Map<String, Object>>> done) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Map<String, Object>> events = events(workspace, query);
        while (!done.test(events) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            events = events(workspace, query);
        }
        assertThat(done.test(events)).as("audit events of %s?%s: %s", workspace, query, events).isTrue();
        return events;
    }

    static List<String> ids(List<Map<String, Object>> events) {
        List<String> ids = new ArrayList<>();
        events.forEach(e -> ids.add((String) e.get("event_id")));
        return ids;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
