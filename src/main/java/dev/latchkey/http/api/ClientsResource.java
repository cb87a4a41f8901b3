package dev.latchkey.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.manage.ClientAdmin;
import dev.latchkey.manage.ClientAdminRequest;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.GoDuration;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applications (admin.yaml {@code createClient}, {@code getClient}, {@code updateClient}, {@code deleteClient},
 * {@code listClients}, {@code rotateClientSecret}, {@code revokeRotatedClientSecrets}), called with a token of
 * the tenant's {@code admin} workspace, and the System API's {@code getClient}, {@code listClientsSystem},
 * {@code rotateClientSecret}, {@code revokeRotatedClientSecrets} with a token of its {@code system} workspace
 * carrying {@code view_clients} (reads) or {@code manage_clients} (secrets). Responses carry an ETag; {@code If-Match} is honoured on GET, PUT,
 * DELETE and the two secret operations (412), checked against the stored client inside the write's transaction.
 */
public final class ClientsResource implements ApiResource {

    private final ApiCallerAuth auth;
    private final ClientAdmin admin;
    private final ClientsJson json;

    public ClientsResource(ApiCallerAuth auth, ClientAdmin admin, ClientsJson json) {
        this.auth = auth;
        this.admin = admin;
        this.json = json;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.post("/api/admin/{tid}/clients", this::create);
        routes.get("/api/admin/{tid}/clients/{cid}", (q, s) -> get(q, s, auth::admin));
        routes.put("/api/admin/{tid}/clients/{cid}", this::update);
        routes.delete("/api/admin/{tid}/clients/{cid}", this::delete);
        routes.post("/api/admin/{tid}/clients/{cid}/rotateSecret", (q, s) -> rotateSecret(q, s, auth::admin));
        routes.post("/api/admin/{tid}/clients/{cid}/revokeRotatedSecrets",
                (q, s) -> revokeRotatedSecrets(q, s, auth::admin));
        routes.get("/api/admin/{tid}/servers/{wid}/clients", (q, s) -> list(q, s, auth::admin));
        // the System API's (system.yaml getClient, listClientsSystem, rotateClientSecret,
        // revokeRotatedClientSecrets): the same operations for a system workspace token with the named scope
        routes.get("/api/system/{tid}/client/{cid}", (q, s) -> get(q, s, auth.systemWith("view_clients")));
        routes.get("/api/system/{tid}/clients/{wid}", (q, s) -> list(q, s, auth.systemWith("view_clients")));
        routes.post("/api/system/{tid}/client/{cid}/rotateSecret",
                (q, s) -> rotateSecret(q, s, auth.systemWith("manage_clients")));
        routes.post("/api/system/{tid}/client/{cid}/revokeRotatedSecrets",
                (q, s) -> revokeRotatedSecrets(q, s, auth.systemWith("manage_clients")));
    }

    void create(ServerRequest req, ServerResponse res) {
        String tid = req.path().pathParameters().get("tid");
        var token = auth.admin(req, tid);
        String purpose = ClientsQuery.single(req, "application_purpose");
        ClientAdminRequest body = ClientAdminRequest.of(JsonBody.read(req, ObjectNode.class));
        Client created = admin.create(ApiCallerAuth.actor(req, token), tid, body, purpose);
        ETags.send(res, 201, json.body(created));
    }

    void get(ServerRequest req, ServerResponse res, ApiCallerAuth.Caller caller) {
        var path = req.path().pathParameters();
        caller.check(req, path.get("tid"));
        Map<String, Object> body = json.body(admin.get(path.get("tid"), path.get("cid")));
        ETags.checkIfMatch(req, body);
        ETags.send(res, 200, body);
    }

    void update(ServerRequest req, ServerResponse res) {
        var path = req.path().pathParameters();
        var token = auth.admin(req, path.get("tid"));
        admin.get(path.get("tid"), path.get("cid")); // an unknown client is 404 before its body is judged
        ClientAdminRequest body = ClientAdminRequest.of(JsonBody.read(req, ObjectNode.class));
        Client updated = admin.update(ApiCallerAuth.actor(req, token), path.get("tid"), path.get("cid"), body,
                ifMatch(req));
        ETags.send(res, 200, json.body(updated));
    }

    void delete(ServerRequest req, ServerResponse res) {
        var path = req.path().pathParameters();
        var token = auth.admin(req, path.get("tid"));
        admin.delete(ApiCallerAuth.actor(req, token), path.get("tid"), path.get("cid"), ifMatch(req));
        res.status(204).send();
    }

    void rotateSecret(ServerRequest req, ServerResponse res, ApiCallerAuth.Caller caller) {
        var path = req.path().pathParameters();
        var token = caller.check(req, path.get("tid"));
        Duration autoRevokeAfter = autoRevokeAfter(ClientsQuery.single(req, "auto_revoke_after"));
        String secret = admin.rotateSecret(ApiCallerAuth.actor(req, token), path.get("tid"), path.get("cid"),
                autoRevokeAfter, ifMatch(req));
        ETags.send(res, 200, Map.of("secret", secret));
    }

    void revokeRotatedSecrets(ServerRequest req, ServerResponse res, ApiCallerAuth.Caller caller) {
        var path = req.path().pathParameters();
        var token = caller.check(req, path.get("tid"));
        admin.revokeRotatedSecrets(ApiCallerAuth.actor(req, token), path.get("tid"), path.get("cid"), ifMatch(req));
        res.status(204).send();
    }

    void list(ServerRequest req, ServerResponse res, ApiCallerAuth.Caller caller) {
        var path = req.path().pathParameters();
        caller.check(req, path.get("tid"));
        List<Client> page = admin.list(ClientsQuery.of(req, path.get("tid"), path.get("wid")));
        ETags.send(res, 200, Map.of("clients", page.stream().map(json::body).toList()));
    }

    /** If-Match, checked against the stored client's representation inside the write's transaction. */
    private Consumer<Client> ifMatch(ServerRequest req) {
        return current -> ETags.checkIfMatch(req, json.body(current));
    }

    /** {@code auto_revoke_after}: a duration ({@code 0}, the default, never revokes); negative is a 400. */
    private static Duration autoRevokeAfter(String value) {
        if (value == null || value.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            Duration duration = GoDuration.parse(value);
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new ApiException(400, "bad_request", "auto_revoke_after must be a non-negative duration such as "
                + "1h0m0s, 30m or 0", Map.of("parameter", "auto_revoke_after"));
    }
}
