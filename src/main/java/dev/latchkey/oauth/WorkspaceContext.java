package dev.latchkey.oauth;

import dev.latchkey.keys.KeyRing;
import dev.latchkey.scope.Scope;
import dev.latchkey.scope.Service;
import dev.latchkey.workspace.Workspace;

import java.util.Map;
import java.util.Optional;

/**
 * Everything a request to one workspace needs, resolved once from {@code /{tid}/{aid}} and cached:
 * settings, issuer, keys, scopes. Immutable; passed explicitly (no thread-local context).
 */
public record WorkspaceContext(Workspace workspace, String issuer, KeyRing keys, Map<String, Scope> scopes,
                               Map<String, Service> services) {

    public String tenantId() {
        return workspace.tenantId();
    }

    public String workspaceId() {
        return workspace.id();
    }

    public Optional<Scope> scope(String name) {
        return Optional.ofNullable(scopes.get(name));
    }

    /** The {@code aud} value of a service, as Cloudentity writes it: {@code spiffe:/tid/aid/service-id}. */
    public String audienceOf(String serviceId) {
        return "spiffe:/" + tenantId() + "/" + workspaceId() + "/" + serviceId;
    }
}
