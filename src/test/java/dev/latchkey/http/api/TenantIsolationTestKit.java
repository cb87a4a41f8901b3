package dev.latchkey.http.api;

import dev.latchkey.http.api.ApiRoutes.Route;
import dev.latchkey.scope.SystemScopes;
import dev.latchkey.testing.TestServer;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two tenants of {@code TenantIsolationTest}: the victim, tenant {@code default} with a populated
 * workspace {@code shop} (service, scope, static IDP, application, MFA method, a rate-limit override), and the
 * intruder, tenant {@code mallory} made through the root API with default workspaces, with tokens of its admin,
 * system (every System API scope) and default workspaces. Also the routes to walk, their path parameters
 * filled with the victim's ids, and a snapshot of every row the victim (and the {@code system} tenant) owns.
 */
final class TenantIsolationTestKit {

    static final String VICTIM = "default";
    static final String INTRUDER = "mallory";
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final List<String> TENANT_PREFIXES = List.of("/api/admin/{tid}/", "/api/system/{tid}/",
            "/api/developer/", "/api/identity/");

    final TestServer server;
    final ConfigurationApiTestHttp victim;
    final ScopesApiTestHttp http;
    final Map<String, String> victimIds = new TreeMap<>();
    final Map<String, String> intruderTokens = new TreeMap<>();
    final List<String> victimSecrets = new ArrayList<>();
    private final String victimToken;

    TenantIsolationTestKit(TestServer server) {
        this.server = server;
        this.victim = new ConfigurationApiTestHttp(server);
        this.http = victim.http;
        victim.populate();
        var tenants = new TenantsApiTestHttp(server);
        String root = tenants.rootToken();
        assertThat(tenants.send("PUT", "/api/admin/tenants/" + VICTIM + "/rate-limits/admin", root,
                "{\"rate\": 1000, \"burst\": 100, \"period\": \"1m0s\"}").statusCode()).isEqualTo(204);
        Map<String, Object> created = tenants.create(root, "{\"id\": \"" + INTRUDER + "\", \"name\": \"Mallory\"}",
                true);
        String admin = tenants.adminToken(INTRUDER, created);
        intruderTokens.put("admin workspace", admin);
        intruderTokens.put("system workspace (every System API scope)", intruderToken(admin, "system",
                java.util.stream.Stream.concat(SystemScopes.SYSTEM.stream(), java.util.stream.Stream.of("revoke_tokens"))
                        .toList()));
        intruderTokens.put("default workspace", intruderToken(admin, "default", List.of()));

        victimIds.put("tid", VICTIM);
        victimIds.put("wid", "shop");
        victimIds.put("aid", "shop");
        victimIds.put("rid", "shop");
        victimIds.put("cid", victim.shopClientId);
        victimIds.put("scp", "orders.read");
        victimIds.put("sid", "orders");
        victimIds.put("iid", "shop-users");
        victimIds.put("mfaID", "mail");
        victimIds.put("module", "admin");
        Map<String, Object> keys = ScopesApiTestHttp.ok(http.get("/api/admin/default/servers/shop/keys"), 200);
        @SuppressWarnings("unchecked")
        Map<String, Object> current = (Map<String, Object>) keys.get("current_key");
        victimIds.put("kid", (String) current.get("kid"));
        victimSecrets.addAll(List.of(victim.shopClientSecret, "smtp-password-do-not-leak", "alice-password-1",
                TestServer.ADMIN_CLIENT_SECRET, TestServer.SYSTEM_CLIENT_SECRET, "Shop backend", "Read orders",
                "Shop users", "security@example.com"));
        victimToken = victim.manageToken();
    }

    /** The victim's whole configuration, secrets included, read with a token fetched once (no new events). */
    String victimExport() {
        HttpResponse<String> response = http.call("GET", ConfigurationApiTestHttp.CONFIG + "?with_secrets=true",
                victimToken, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** Waits until the audit queue has written what it holds (tokens issued are recorded asynchronously). */
    void settleAudit() {
        var queue = server.server().parts().audit();
        long seen = -1;
        for (int i = 0; i < 100; i++) {
            long now = queue.written() + queue.failed() + queue.dropped();
            if (queue.pending() == 0 && now == seen) {
                return;
            }
            seen = now;
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the audit queue did not settle");
    }

    /** A client_credentials token of a new application of the intruder's workspace {@code wid}. */
    private String intruderToken(String adminToken, String wid, List<String> scopes) {
        String body = "{\"tenant_id\": \"" + INTRUDER + "\", \"authorization_server_id\": \"" + wid + "\", "
                + "\"client_name\": \"intruder\", \"grant_types\": [\"client_credentials\"], "
                + "\"token_endpoint_auth_method\": \"client_secret_post\", \"scopes\": "
                + scopes.stream().map(s -> "\"" + s + "\"").toList() + "}";
        Map<String, Object> app = ScopesApiTestHttp.ok(http.call("POST", "/api/admin/" + INTRUDER + "/clients",
                adminToken, body), 201);
        return server.token("/" + INTRUDER + "/" + wid + "/oauth2/token", (String) app.get("client_id"),
                (String) app.get("client_secret"), scopes.isEmpty() ? null : String.join(" ", scopes));
    }

    /** Every registered route of a tenant's management APIs (Admin, System, Developer, Identity). */
    List<Route> tenantRoutes() {
        return server.server().parts().routes().stream()
                .filter(r -> TENANT_PREFIXES.stream().anyMatch(p -> r.path().startsWith(p))).toList();
    }

    /** Every registered root API route (tenants, global configuration, rate limits). */
    List<Route> rootRoutes() {
        return server.server().parts().routes().stream()
                .filter(r -> r.path().startsWith("/api/system/tenants") || r.path().startsWith("/api/admin/tenants")
                        || r.path().equals("/api/system/configuration")).toList();
    }

    /** The route's path with every parameter replaced by the victim's id ({@code tid} by {@code tenant}). */
    String path(Route route, String tenant) {
        Matcher m = PARAMETER.matcher(route.path());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals("tid") ? tenant : victimIds.get(name);
            assertThat(value).as("TenantIsolationTestKit has no victim id for path parameter {" + name + "} of "
                    + route + ": add one").isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A body aimed at the victim: its tenant and workspace, for any method that takes one. */
    static String body(Route route) {
        return switch (route.method()) {
            case "PATCH" -> "[{\"op\": \"replace\", \"path\": \"/tenant/name\", \"value\": \"owned\"}]";
            case "POST", "PUT" -> "{\"tenant_id\": \"" + VICTIM + "\", \"authorization_server_id\": \"shop\", "
                    + "\"id\": \"intruder\", \"name\": \"intruder\", \"client_name\": \"intruder\", "
                    + "\"service_id\": \"orders\", \"address\": \"intruder@example.com\"}";
            // revokeTokens: the subjects whose tokens would be revoked
            case "DELETE" -> route.path().endsWith("/tokens") ? "{\"subjects\": [\"intruder\"]}" : null;
            default -> null;
        };
    }

    HttpResponse<String> call(Route route, String path, String token) {
        return http.call(route.method(), path, token, body(route));
    }

    /**
     * Every row of every table with a {@code tenant_id} column that belongs to the victim or to the
     * {@code system} tenant, as text, by table: what no intruder request may change.
     */
    Map<String, List<String>> victimRows() {
        settleAudit();
        Map<String, List<String>> out = new TreeMap<>();
        for (String table : new TenantsApiTestHttp(server).tablesWithTenantId()) {
            List<String> rows = server.server().database().jdbi().withHandle(h -> h.createQuery(
                            "SELECT * FROM " + table + " WHERE tenant_id IN ('" + VICTIM + "', 'system')")
                    .map((rs, ctx) -> {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            row.append(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT)).append('=')
                                    .append(value instanceof byte[] b ? Arrays.toString(b) : String.valueOf(value))
                                    .append(';');
                        }
                        return row.toString();
                    }).list());
            out.put(table, rows.stream().sorted().toList());
        }
        return out;
    }

    /** The rows of the victim that are not in {@code before} ("+") or gone from it ("-"), by table. */
    List<String> changedSince(Map<String, List<String>> before) {
        Map<String, List<String>> after = victimRows();
        List<String> out = new ArrayList<>();
        for (String table : after.keySet()) {
            List<String> was = before.getOrDefault(table, List.of());
            List<String> is = after.get(table);
            is.stream().filter(r -> !was.contains(r)).forEach(r -> out.add("+ " + table + ": " + r));
            was.stream().filter(r -> !is.contains(r)).forEach(r -> out.add("- " + table + ": " + r));
        }
        return out;
    }
}
