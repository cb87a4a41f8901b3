package dev.latchkey.oauth.endpoint;

import dev.latchkey.http.Responses;
import dev.latchkey.oauth.WorkspaceContext;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /{tid}/{aid}/.well-known/jwks.json} (RFC 7517 §5): the public parts of the workspace's
 * current, next and rotated keys, serialized once per key ring.
 */
public final class JwksEndpoint {

    public void handle(WorkspaceContext workspace, ServerRequest req, ServerResponse res) {
        Responses.bytes(res, 200, workspace.keys().publicJwks());
    }
}
