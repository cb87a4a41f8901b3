package dev.latchkey.oauth;

import java.util.List;
import java.util.Map;

/**
 * One feature's part of a workspace's metadata document (RFC 8414, OIDC Discovery 1.0): each endpoint or
 * capability adds the fields it makes true, in one place, and the discovery endpoint assembles the
 * contributions in order. Only what is implemented and enabled in the workspace is added.
 */
@FunctionalInterface
public interface DiscoveryMetadata {

    void addTo(WorkspaceContext workspace, Map<String, Object> document);

    /**
     * The client authentication methods a workspace's endpoints accept: its
     * {@code token_endpoint_authn_methods} that are implemented, in the workspace's order.
     */
    static List<String> authMethods(WorkspaceContext workspace, List<String> implemented) {
        return workspace.workspace().tokenEndpointAuthnMethods().stream().filter(implemented::contains).toList();
    }
}
