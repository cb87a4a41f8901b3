package dev.latchkey.http.api;

import dev.latchkey.testing.TestServer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP helpers of the tenant API tests: root tokens, JSON calls, row counts per tenant. */
final class TenantsApiTestHttp {

    static final String TENANTS = "/api/system/tenants";

    private final TestServer server;

    TenantsApiTestHttp(TestServer server) {
        this.server = server;
    }

    /** A root API token: the system tenant's built-in client {@code system} ("setup"). */
    String rootToken() {
        return server.token("/system/system/oauth2/token", "system", TestServer.SYSTEM_CLIENT_SECRET, null);
    }

    HttpResponse<String> send(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return server.send(b.build());
    }

    /** Creates a tenant through the root API; fails the test on anything but 201. Returns TenantCreated. */
    Map<String, Object> create(String root, String body, boolean withDefaultWorkspaces) {
        HttpResponse<String> response = send("POST", TENANTS + "?with_default_workspaces=" + withDefaultWorkspaces,
                root, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestServer.json(response);
    }

    /** The created tenant's admin application (TenantCreated.clients[0]). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> adminApplication(Map<String, Object> created) {
        return ((List<Map<String, Object>>) created.get("clients")).get(0);
    }

    /** An admin token of a tenant created by {@link #create}. */
    String adminToken(String tenantId, Map<String, Object> created) {
        Map<String, Object> app = adminApplication(created);
        return server.token("/" + tenantId + "/admin/oauth2/token", (String) app.get("client_id"),
                (String) app.get("client_secret"), null);
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

    /** Every table of the schema with a {@code tenant_id} column (from the database's own catalogue). */
    List<String> tablesWithTenantId() {
        return server.server().database().jdbi().withHandle(h -> h.createQuery("""
                        SELECT table_name FROM information_schema.columns
                        WHERE LOWER(column_name) = 'tenant_id' AND table_schema = CURRENT_SCHEMA""")
                .mapTo(String.class).list()).stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().sorted()
                .toList();
    }

    /** Rows per table that belong to {@code tenantId}, only the tables where there are some. */
    List<String> rowsOf(String tenantId) {
        List<String> out = new ArrayList<>();
        for (String table : tablesWithTenantId()) {
            long rows = count("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", tenantId);
            if (rows > 0) {
                out.add(table + "=" + rows);
            }
        }
        return out;
    }

    /** The names of the scopes of a workspace, sorted. */
    List<String> scopeNames(String tenantId, String workspaceId) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT name FROM scopes WHERE tenant_id = :t AND workspace_id = :w ORDER BY name")
                .bind("t", tenantId).bind("w", workspaceId).mapTo(String.class).list());
    }
}
