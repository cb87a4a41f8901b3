package dev.latchkey.workspace;

import java.util.List;
import java.util.Optional;

/**
 * Stored workspaces, keyed by tenant and workspace id. Calls made inside a
 * {@code Transactions.inTransaction} on the same thread join it.
 */
public interface WorkspaceRepository {

    Optional<Workspace> find(String tenantId, String id);

    /** Like {@link #find}, and locks the row until the surrounding transaction ends. */
    Optional<Workspace> lock(String tenantId, String id);

    void insert(Workspace workspace);

    void update(Workspace workspace);

    /** Deletes the workspace and, by cascade, everything in it; false if there was none. */
    boolean delete(String tenantId, String id);

    /** One page of a tenant's workspaces, in the query's order. */
    List<Workspace> page(WorkspaceQuery query);
}
