package dev.latchkey.manage;

import dev.latchkey.client.Client;
import dev.latchkey.workspace.Workspace;

import java.time.Instant;
import java.util.List;

/**
 * The demo application of {@code createAuthorizationServer?with_demo_client=true} (the console's "demo
 * application" checkbox): a confidential server-side web application named "Demo Portal" that may use
 * the authorization code flow (redirecting to the workspace's {@code /demo/callback}) and client
 * credentials, with the OpenID Connect scopes. The response of the create does not carry it (the spec's
 * {@code ServerResponse} has no place for it); it is listed with the workspace's applications.
 */
final class WorkspaceAdminDemo {

    static final String NAME = "Demo Portal";
    static final List<String> GRANT_TYPES = List.of("authorization_code", "client_credentials");
    static final List<String> SCOPES = List.of("openid", "profile", "email", "address", "phone");

    private WorkspaceAdminDemo() {
    }

    static Client client(Workspace workspace, String clientId, String secret, String issuer, Instant now) {
        // the record's first-version constructor: its application_types read server_web from the grant types
        return new Client(clientId, workspace.tenantId(), workspace.id(), NAME, "Demo application of the workspace",
                secret, GRANT_TYPES, List.of("code"), List.of(issuer + "/demo/callback"), SCOPES,
                "client_secret_basic", "web", false, false, now);
    }
}
