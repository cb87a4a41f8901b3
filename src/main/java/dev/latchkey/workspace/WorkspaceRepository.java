package dev.latchkey.workspace;

import java.util.Optional;

/** Stored workspaces, keyed by tenant and workspace id. */
public interface WorkspaceRepository {

    Optional<Workspace> find(String tenantId, String id);

    void insert(Workspace workspace);

    void update(Workspace workspace);
}
