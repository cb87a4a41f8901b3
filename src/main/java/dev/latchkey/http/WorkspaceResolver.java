package dev.latchkey.http;

import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.WorkspaceContexts;
import io.helidon.webserver.http.ServerRequest;

/** Resolves the {@code {tid}/{aid}} of a request path to its cached workspace, or 404. */
public final class WorkspaceResolver {

    private final WorkspaceContexts workspaces;

    public WorkspaceResolver(WorkspaceContexts workspaces) {
        this.workspaces = workspaces;
    }

    public WorkspaceContext resolve(ServerRequest req) {
        var params = req.path().pathParameters();
        String tid = params.get("tid");
        String aid = params.get("aid");
        return workspaces.find(tid, aid)
                .orElseThrow(() -> OAuthException.notFound("The workspace does not exist"));
    }
}
