package dev.latchkey.http.api;

import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.manage.MfaAdmin;
import dev.latchkey.mfa.MfaMethod;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * MFA methods of a tenant (admin.yaml {@code listMFAMethods}, {@code createMFAMethod},
 * {@code getMFAMethod}, {@code updateMFAMethod}, {@code deleteMFAMethod}, {@code testMFAMethod}), called
 * with a token of the tenant's {@code admin} workspace. The test endpoint spends from the {@code otp} rate
 * limit (one per minute per tenant), checked before this handler runs.
 */
public final class MfaMethodsResource implements ApiResource {

    private static final String BASE = "/api/admin/{tid}/mfa-methods";

    private final ApiCallerAuth auth;
    private final MfaAdmin admin;

    public MfaMethodsResource(ApiCallerAuth auth, MfaAdmin admin) {
        this.auth = auth;
        this.admin = admin;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get(BASE, this::list);
        routes.post(BASE, this::create);
        routes.get(BASE + "/{mfaID}", this::get);
        routes.put(BASE + "/{mfaID}", this::update);
        routes.delete(BASE + "/{mfaID}", this::delete);
        routes.post(BASE + "/{mfaID}/test", this::test);
    }

    void list(ServerRequest req, ServerResponse res) {
        String tid = tid(req);
        auth.admin(req, tid);
        ETags.send(res, 200, new MfaMethodsBodies.Methods(admin.list(tid)));
    }

    void create(ServerRequest req, ServerResponse res) {
        String tid = tid(req);
        var token = auth.admin(req, tid);
        var body = JsonBody.read(req, MfaMethodsBodies.MethodBody.class);
        MfaMethod created = admin.create(ApiCallerAuth.actor(req, token), tid, body.request());
        ETags.send(res, 201, created);
    }

    void get(ServerRequest req, ServerResponse res) {
        String tid = tid(req);
        auth.admin(req, tid);
        ETags.send(res, 200, MfaMethodsBodies.MethodResponse.of(admin.get(tid, mfaId(req))));
    }

    void update(ServerRequest req, ServerResponse res) {
        String tid = tid(req);
        var token = auth.admin(req, tid);
        var body = JsonBody.read(req, MfaMethodsBodies.MethodBody.class);
        MfaMethod updated = admin.update(ApiCallerAuth.actor(req, token), tid, mfaId(req), body.request(),
                current -> ETags.checkIfMatch(req, MfaMethodsBodies.MethodResponse.of(current)));
        ETags.send(res, 200, updated);
    }

    void delete(ServerRequest req, ServerResponse res) {
        String tid = tid(req);
        var token = auth.admin(req, tid);
        admin.delete(ApiCallerAuth.actor(req, token), tid, mfaId(req),
                current -> ETags.checkIfMatch(req, MfaMethodsBodies.MethodResponse.of(current)));
        res.status(204).send();
    }

    void test(ServerRequest req, ServerResponse res) {
        String tid = tid(req);
        var token = auth.admin(req, tid);
        var body = JsonBody.read(req, MfaMethodsBodies.TestBody.class);
        admin.test(ApiCallerAuth.actor(req, token), tid, mfaId(req), body.address());
        res.status(200).send();
    }

    private static String tid(ServerRequest req) {
        return req.path().pathParameters().get("tid");
    }

    private static String mfaId(ServerRequest req) {
        return req.path().pathParameters().get("mfaID");
    }
}
