package dev.latchkey.scope;

import java.util.List;
import java.util.function.Supplier;

/**
 * The built-in services and scopes every workspace starts with, as Cloudentity's: an "OAuth2" service
 * with {@code introspect_tokens} and {@code revoke_tokens} everywhere, the OpenID Connect scopes in
 * regular workspaces, and the System API scopes (system.yaml's security definition) in {@code system}
 * workspaces.
 */
public final class SystemScopes {

    static final List<String> OAUTH2 = List.of("introspect_tokens", "revoke_tokens");
    static final List<String> OIDC = List.of("openid", "profile", "email", "address", "phone", "offline_access");
    /** Scopes of the System API (and of the root API's setup client). */
    public static final List<String> SYSTEM = List.of("manage_clients", "manage_configuration", "manage_consents",
            "manage_logins", "manage_post_authn", "manage_scope_grants", "manage_secrets", "manage_servers",
            "manage_tenants", "push_gateway_requests", "read_configuration", "read_gateway_configuration",
            "read_secrets", "view_audit_events", "view_clients", "view_consents", "view_scopes", "view_tenants",
            "write_gateway_configuration");

    private SystemScopes() {
    }

    /** Seeds the services and scopes of a new workspace of {@code type} into {@code repository}. */
    public static void seed(ScopeRepository repository, String tenantId, String workspaceId, String type,
                            Supplier<String> ids) {
        seedService(repository, tenantId, workspaceId, "OAuth2", "oauth2", OAUTH2, ids);
        if ("system".equals(type)) {
            seedService(repository, tenantId, workspaceId, "System", "system", SYSTEM, ids);
        } else if ("regular".equals(type)) {
            seedService(repository, tenantId, workspaceId, "OpenID Connect", "oidc", OIDC, ids);
        }
    }

    private static void seedService(ScopeRepository repository, String tenantId, String workspaceId, String name,
                                    String type, List<String> scopes, Supplier<String> ids) {
        Service service = new Service(ids.get(), tenantId, workspaceId, name, name + " built-in scopes", type, true);
        repository.saveService(service);
        for (String scope : scopes) {
            repository.saveScope(new Scope(ids.get(), tenantId, workspaceId, service.id(), scope, "", true));
        }
    }
}
