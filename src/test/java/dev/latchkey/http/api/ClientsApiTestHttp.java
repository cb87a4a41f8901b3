package dev.latchkey.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.store.Change;
import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import dev.latchkey.workspace.Workspace;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP, token-endpoint and database helpers of the applications API tests (ClientsApiTest*). */
final class ClientsApiTestHttp {

    static final String CLIENTS = "/api/admin/default/clients";

    private final TestServer server;
    private String adminToken;
    private java.time.Instant adminTokenAt;

    ClientsApiTestHttp(TestServer server) {
        this.server = server;
    }

    /** An admin token of tenant default, fetched again once the test clock has moved half an hour on. */
    String adminToken() {
        java.time.Instant now = server.clock.instant();
        if (adminToken == null || now.isAfter(adminTokenAt.plus(java.time.Duration.ofMinutes(30)))
                || now.isBefore(adminTokenAt)) {
            adminToken = server.adminToken();
            adminTokenAt = now;
        }
        return adminToken;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(server.uri(path)).GET(), headers);
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(server.uri(path)).POST(body(json))
                .header("Content-Type", "application/json"), headers);
    }

    HttpResponse<String> put(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(server.uri(path)).PUT(body(json))
                .header("Content-Type", "application/json"), headers);
    }

    HttpResponse<String> delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(server.uri(path)).DELETE(), headers);
    }

    /** Sends with the admin token unless the headers carry an Authorization header ("" sends none). */
    HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        boolean auth = false;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Authorization")) {
                auth = true;
                if (headers[i + 1].isEmpty()) {
                    continue;
                }
            }
            builder.header(headers[i], headers[i + 1]);
        }
        if (!auth) {
            builder.header("Authorization", "Bearer " + adminToken());
        }
        return server.send(builder.build());
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    /** Creates a client from a JSON body; fails the test on anything but 201. */
    Map<String, Object> create(String json) {
        HttpResponse<String> response = post(CLIENTS, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestServer.json(response);
    }

    /** A client_credentials service application of {@code default/<workspace>}, as created by the API. */
    Map<String, Object> createService(String workspace, String... scopes) {
        return create("""
                {"tenant_id": "default", "authorization_server_id": "%s", "client_name": "svc",
                 "grant_types": ["client_credentials"], "scopes": %s}""".formatted(workspace,
                Json.write(List.of(scopes))));
    }

    /** A client_credentials token request with client_secret_basic; returns the response. */
    HttpResponse<String> token(String tokenPath, String clientId, String secret) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return server.postForm(tokenPath, "grant_type=client_credentials", "Authorization", basic);
    }

    /** The same with client_secret_post. */
    HttpResponse<String> tokenPost(String tokenPath, String clientId, String secret) {
        return server.postForm(tokenPath, "grant_type=client_credentials&client_id=" + clientId + "&client_secret="
                + secret);
    }

    int tokenStatus(String tokenPath, Map<String, Object> client, String secret) {
        return token(tokenPath, (String) client.get("client_id"), secret).statusCode();
    }

    long count(String sql, Object... args) {
        return server.server().database().jdbi().withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    long clients() {
        return count("SELECT COUNT(*) FROM clients");
    }

    /** The audit events of management changes (security events are written asynchronously: left out). */
    long auditEvents() {
        return count("SELECT COUNT(*) FROM audit_events WHERE object_type NOT IN ('access_token', 'login', 'tokens', "
                + "'request') AND NOT (object_type = 'client' AND action = 'failed')");
    }

    long auditEvents(String action, String objectId) {
        return count("SELECT COUNT(*) FROM audit_events WHERE action = ? AND object_id = ?", action, objectId);
    }

    String storedDoc(String tenantId, String clientId) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT doc FROM clients WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", clientId).mapTo(String.class).one());
    }

    /**
     * Changes a stored workspace through its JSON form and drops it from the caches, as an update would;
     * returns the workspace as it was, for {@link #restoreWorkspace}.
     */
    Workspace changeWorkspace(String tenantId, String workspaceId, Consumer<ObjectNode> change) {
        var parts = server.server().parts();
        Workspace current = parts.workspaces().find(tenantId, workspaceId).orElseThrow();
        ObjectNode doc = Json.MAPPER.valueToTree(current);
        change.accept(doc);
        parts.workspaces().update(Json.MAPPER.convertValue(doc, Workspace.class));
        parts.changes().publish(new Change("workspace", tenantId, workspaceId, workspaceId));
        return current;
    }

    void restoreWorkspace(Workspace original) {
        var parts = server.server().parts();
        parts.workspaces().update(original);
        parts.changes().publish(new Change("workspace", original.tenantId(), original.id(), original.id()));
    }

    /** Cloudentity's management error JSON with the given status; returns it. */
    static Map<String, Object> assertApiError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsKeys("status_code", "error", "error_code", "details")
                .containsEntry("status_code", status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.latchkey");
        return body;
    }
}
