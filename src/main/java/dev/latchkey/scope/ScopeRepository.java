package dev.latchkey.scope;

import java.util.List;

/** Stored scopes and services of a workspace. */
public interface ScopeRepository {

    List<Scope> scopesOf(String tenantId, String workspaceId);

    List<Service> servicesOf(String tenantId, String workspaceId);

    void insertService(Service service);

    void insertScope(Scope scope);
}
