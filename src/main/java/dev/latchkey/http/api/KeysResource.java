package dev.latchkey.http.api;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.keys.AutomaticKeyRotation;
import dev.latchkey.manage.KeyManagement;
import dev.latchkey.manage.KeyScheduling;
import dev.latchkey.oauth.token.AccessTokenVerifier.VerifiedToken;
import dev.latchkey.support.ApiException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/**
 * Workspace keys of the Admin API ({@code /api/admin/{tid}/servers/{wid}/keys...}): getKeys, getKey,
 * rotateKey, revokeKey, getAutomaticKeyRotation, setAutomaticKeyRotation, in Cloudentity's shapes with
 * public key parameters only. Query parameters as the spec: {@code use} ({@code sig} by default) and, for
 * rotation, {@code key_type} ({@code rsa} by default, as the spec says). Writes honour {@code If-Match}
 * against the representation they change (the keys of that use, or the rotation settings).
 */
public final class KeysResource implements ApiResource {

    private static final String BASE = "/api/admin/{tid}/servers/{wid}/keys";

    private final ApiCallerAuth auth;
    private final KeyManagement keys;
    private final KeyScheduling scheduling;

    public KeysResource(ApiCallerAuth auth, KeyManagement keys, KeyScheduling scheduling) {
        this.auth = auth;
        this.keys = keys;
        this.scheduling = scheduling;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get(BASE, this::list);
        routes.get(BASE + "/automatic-key-rotation", this::getSchedule);
        routes.put(BASE + "/automatic-key-rotation", this::setSchedule);
        routes.get(BASE + "/{kid}/raw", this::raw);
        routes.post(BASE + "/rotate", this::rotate);
        routes.post(BASE + "/revoke/{kid}", this::revoke);
    }

    void list(ServerRequest req, ServerResponse res) {
        auth.admin(req, tid(req));
        ETags.send(res, 200, keys.keys(tid(req), wid(req), query(req, "use", "sig")));
    }

    void raw(ServerRequest req, ServerResponse res) {
        auth.admin(req, tid(req));
        ETags.send(res, 200, keys.rawKey(tid(req), wid(req), req.path().pathParameters().get("kid")));
    }

    void rotate(ServerRequest req, ServerResponse res) {
        VerifiedToken token = auth.admin(req, tid(req));
        String use = query(req, "use", "sig");
        String keyType = query(req, "key_type", "rsa");
        ETags.checkIfMatch(req, keys.keys(tid(req), wid(req), use));
        ETags.send(res, 200, keys.rotate(ApiCallerAuth.actor(req, token), tid(req), wid(req), use, keyType));
    }

    void revoke(ServerRequest req, ServerResponse res) {
        VerifiedToken token = auth.admin(req, tid(req));
        String use = query(req, "use", "sig");
        ETags.checkIfMatch(req, keys.keys(tid(req), wid(req), use));
        ETags.send(res, 200, keys.revoke(ApiCallerAuth.actor(req, token), tid(req), wid(req), use,
                req.path().pathParameters().get("kid")));
    }

    void getSchedule(ServerRequest req, ServerResponse res) {
        auth.admin(req, tid(req));
        ETags.send(res, 200, scheduling.settings(tid(req), wid(req), query(req, "use", "sig")));
    }

    void setSchedule(ServerRequest req, ServerResponse res) {
        VerifiedToken token = auth.admin(req, tid(req));
        String use = query(req, "use", "sig");
        AutomaticKeyRotation body = JsonBody.read(req, AutomaticKeyRotation.class);
        ETags.checkIfMatch(req, scheduling.settings(tid(req), wid(req), use));
        ETags.send(res, 200, scheduling.update(ApiCallerAuth.actor(req, token), tid(req), wid(req), use, body));
    }

    private static String tid(ServerRequest req) {
        return req.path().pathParameters().get("tid");
    }

    private static String wid(ServerRequest req) {
        return req.path().pathParameters().get("wid");
    }

    /** A single-valued query parameter, or {@code fallback} when absent; given twice is 400. */
    private static String query(ServerRequest req, String name, String fallback) {
        if (!req.query().contains(name)) {
            return fallback;
        }
        List<String> values = req.query().all(name);
        if (values.size() != 1) {
            throw ApiException.badRequest("The query parameter " + name + " must be given once");
        }
        return values.getFirst();
    }
}
