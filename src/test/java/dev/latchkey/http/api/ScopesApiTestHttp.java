package dev.latchkey.http.api;

import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.client.Client;
import dev.latchkey.store.Change;
import dev.latchkey.testing.TestServer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP and database helpers shared by the identity provider, scope and service API tests
 * (IdpsApiTest, ScopesApiTest*, ServicesApiTest): JSON calls with a bearer token, error assertions,
 * service clients in any workspace, and raw row reads to prove what is (not) stored.
 */
final class ScopesApiTestHttp {

    private final TestServer server;

    ScopesApiTestHttp(TestServer server) {
        this.server = server;
    }

    /** Sends {@code method path} with a JSON {@code body} (null for none), {@code token} (null for none). */
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
        if (body != null && body.length() > 64 * 1024) {
            // as curl does for large bodies: the server can refuse (413) before the body is sent
            b.expectContinue(true);
        }
        return server.send(b.build());
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

    /** Asserts a successful call and returns its JSON body. */
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
        return body;
    }

    /**
     * Creates (or replaces) a confidential client_credentials client in {@code tid/wid} with
     * {@code scopes}, through the server's parts as an operator's tool would, and publishes the change.
     */
    void serviceClient(String tid, String wid, String clientId, String secret, List<String> scopes) {
        var clients = server.server().parts().clients();
        Client client = Client.service(tid, wid, clientId, "test client " + clientId, secret, scopes, false,
                server.clock.instant());
        if (clients.find(tid, clientId).isPresent()) {
            clients.update(client);
        } else {
            clients.insert(client);
        }
        server.server().parts().changes().publish(new Change("client", tid, wid, clientId));
    }

    /** A token of a service client of {@code default/default}: a good token of a non-admin workspace. */
    String defaultWorkspaceToken() {
        serviceClient("default", "default", "not-an-admin-client", "not-an-admin-secret-0123456789",
                List.of());
        return server.token("/default/default/oauth2/token", "not-an-admin-client", "not-an-admin-secret-0123456789",
                null);
    }

    /** A token of the bootstrap client of {@code system/system}: a good token of another tenant. */
    String systemTenantToken() {
        return server.token("/system/system/oauth2/token", "system", TestServer.SYSTEM_CLIENT_SECRET, null);
    }

    /** A client_credentials token request with client_secret_post. */
    HttpResponse<String> tokenRequest(String tid, String wid, String clientId, String secret, String scope) {
        return server.postForm("/" + tid + "/" + wid + "/oauth2/token", "grant_type=client_credentials&client_id="
                + clientId + "&client_secret=" + secret + (scope == null ? "" : "&scope=" + scope));
    }

    static List<String> audience(String accessToken) {
        try {
            return SignedJWT.parse(accessToken).getJWTClaimsSet().getAudience();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** One column of the first row of {@code sql} (bound with {@code args} in order), or null. */
    String text(String sql, Object... args) {
        return server.server().database().jdbi().withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(String.class).findFirst().orElse(null);
        });
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

    /** Runs a statement directly on the database (to plant another tenant's objects). */
    void execute(String sql, Object... args) {
        server.server().database().jdbi().useHandle(h -> {
            var update = h.createUpdate(sql);
            for (int i = 0; i < args.length; i++) {
                update.bind(i, args[i]);
            }
            update.execute();
        });
    }
}
