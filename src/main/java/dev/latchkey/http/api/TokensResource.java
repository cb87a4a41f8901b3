package dev.latchkey.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.manage.TokenAdmin;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/**
 * The System API's {@code revokeTokens} ({@code DELETE /api/system/{tid}/servers/{wid}/tokens}, scope
 * {@code revoke_tokens}): body {@code RevokeTokenRequest} {@code {"subjects": [...], "idp_id": ...}}, every
 * token of those subjects in the workspace revoked ({@link TokenAdmin}), 204. {@code idp_id} is accepted and
 * not read (subjects are matched as given: grants keep the user's own subject); revoking by
 * {@code consent_id} is not built (400).
 */
public final class TokensResource implements ApiResource {

    /** system.yaml RevokeTokenRequest. */
    record RevokeTokenRequest(@JsonProperty("subjects") List<String> subjects, @JsonProperty("idp_id") String idpId) {
    }

    private final ApiCallerAuth auth;
    private final TokenAdmin admin;

    public TokensResource(ApiCallerAuth auth, TokenAdmin admin) {
        this.auth = auth;
        this.admin = admin;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.delete("/api/system/{tid}/servers/{wid}/tokens", this::revoke);
    }

    void revoke(ServerRequest req, ServerResponse res) {
        var path = req.path().pathParameters();
        var token = auth.system(req, path.get("tid"), "revoke_tokens");
        if (req.query().contains("consent_id")) {
            throw QueryParams.bad("consent_id: revoking the tokens of a consent is not supported", "consent_id");
        }
        RevokeTokenRequest body = JsonBody.read(req, RevokeTokenRequest.class);
        admin.revokeSubjects(ApiCallerAuth.actor(req, token), path.get("tid"), path.get("wid"), body.subjects());
        res.status(204).send();
    }
}
