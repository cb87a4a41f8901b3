package dev.latchkey.scope;

import java.util.List;
import java.util.Optional;

/**
 * Stored scopes and services. Ids are unique within a tenant (the management API addresses them without a
 * workspace); scope names are unique within a workspace.
 */
public interface ScopeRepository {

    /** The scopes of a workspace, by name. */
    List<Scope> scopesOf(String tenantId, String workspaceId);

    /** The services of a workspace, by name. */
    List<Service> servicesOf(String tenantId, String workspaceId);

    Optional<Scope> findScope(String tenantId, String id);

    Optional<Service> findService(String tenantId, String id);

    /**
     * Stores a scope: inserts it, or replaces the stored one with the same tenant and id. A name already
     * used by another scope of the workspace is a duplicate-key failure.
     */
    void saveScope(Scope scope);

    /** Stores a service: inserts it, or replaces the stored one with the same tenant and id. */
    void saveService(Service service);

    /** Deletes a scope; false when there was none. */
    boolean deleteScope(String tenantId, String id);

    /** Deletes a service and every scope that belongs to it; false when there was no such service. */
    boolean deleteService(String tenantId, String id);
}
