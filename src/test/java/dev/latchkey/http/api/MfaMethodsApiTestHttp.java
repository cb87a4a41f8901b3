package dev.latchkey.http.api;

import dev.latchkey.client.Client;
import dev.latchkey.store.Change;
import dev.latchkey.testing.TestServer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP and database helpers of the MFA method tests (MfaMethodsApiTest*): JSON calls with a bearer token,
 * error assertions, tokens of a non-admin workspace and of another tenant, raw row reads.
 */
final class MfaMethodsApiTestHttp {

    static final String BASE = "/api/admin/default/mfa-methods";

    private final TestServer server;

    MfaMethodsApiTestHttp(TestServer server) {
        this.server = server;
    }

    /** Sends {@code method path} with a JSON {@code body} (null for none) and {@code token} (null for none). */
    HttpResponse<String> call(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return server.send(b.build());
    }

    /**
     * Sends an oversized JSON body with {@code Expect: 100-continue}, as curl does for large bodies: the
     * server refuses on the Content-Length alone, without the race of a reset while the body is uploading.
     */
    HttpResponse<String> oversized(String method, String path, String body) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).expectContinue(true)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + server.adminToken())
                .build());
    }

    HttpResponse<String> get(String path) {
        return call("GET", path, server.adminToken(), null);
    }

    HttpResponse<String> post(String path, String body) {
        return call("POST", path, server.adminToken(), body);
    }

    HttpResponse<String> put(String path, String body, String... headers) {
        return call("PUT", path, server.adminToken(), body, headers);
    }

    HttpResponse<String> delete(String path, String... headers) {
        return call("DELETE", path, server.adminToken(), null, headers);
    }

    /** {@code POST .../mfa-methods/{id}/test} with {@code {"address": address}}. */
    HttpResponse<String> test(String id, String address) {
        return post(BASE + "/" + id + "/test", "{\"address\": " + json(address) + "}");
    }

    /** Creates a method and returns its id. */
    String create(String body) {
        return (String) ok(post(BASE, body), 201).get("id");
    }

    static String json(String s) {
        return dev.latchkey.support.Json.write(s);
    }

    /** Asserts a successful call with an ETag and returns its JSON body. */
    static Map<String, Object> ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("ETag")).isPresent();
        return TestServer.json(response);
    }

    /** Asserts a management API error: the status and Cloudentity's error body. */
    static Map<String, Object> error(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsEntry("status_code", status).containsKeys("error", "error_code", "details");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return body;
    }

    /** A token of a service client of {@code default/default}: a good token of a non-admin workspace. */
    String defaultWorkspaceToken() {
        var clients = server.server().parts().clients();
        String id = "mfa-not-an-admin";
        String secret = "mfa-not-an-admin-secret-0123456789";
        if (clients.find("default", id).isEmpty()) {
            clients.insert(Client.service("default", "default", id, "not an admin", secret, List.of(), false,
                    server.clock.instant()));
            server.server().parts().changes().publish(new Change("client", "default", "default", id));
        }
        return server.token("/default/default/oauth2/token", id, secret, null);
    }

    /** A token of the bootstrap client of {@code system/system}: a good token of another tenant. */
    String systemTenantToken() {
        return server.token("/system/system/oauth2/token", "system", TestServer.SYSTEM_CLIENT_SECRET, null);
    }

    /** Plants an MFA method of tenant {@code system} directly in the database; returns its id. */
    String plantSystemMethod(String id) {
        server.server().database().jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO mfa_methods (tenant_id, id, mechanism, enabled, doc, created_at, updated_at)
                        VALUES ('system', :id, 'email', TRUE, :doc, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .bind("id", id).bind("doc", "{\"id\":\"" + id + "\",\"tenant_id\":\"system\",\"mechanism\":\"email\","
                        + "\"enabled\":true,\"settings\":{\"email\":{\"provider\":\"smtp\"}},"
                        + "\"auth\":{\"email\":{\"host\":\"127.0.0.1\",\"port\":1}}}").execute());
        return id;
    }

    /** The stored document of a method, or null. */
    String doc(String tenantId, String id) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT doc FROM mfa_methods WHERE tenant_id = :tid AND id = :id")
                .bind("tid", tenantId).bind("id", id).mapTo(String.class).findFirst().orElse(null));
    }

    long rows() {
        return server.server().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM mfa_methods")
                .mapTo(Long.class).one());
    }
}
