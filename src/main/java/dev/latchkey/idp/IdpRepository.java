package dev.latchkey.idp;

import java.util.List;
import java.util.Optional;

/** Stored identity providers; ids are unique within a workspace. */
public interface IdpRepository {

    /** The static IDP {@code id} of a workspace; empty when there is none or it has another method. */
    Optional<StaticIdp> findStatic(String tenantId, String workspaceId, String id);

    /** Every IDP of a workspace, whatever its method, by name then id. */
    List<IdpBase> list(String tenantId, String workspaceId);

    /** Inserts a new IDP; an id already used in the workspace is a duplicate-key failure. */
    void insert(StaticIdp idp);

    /** Replaces a stored IDP; false when there was none. */
    boolean update(StaticIdp idp);

    /** Deletes an IDP of any method; false when there was none. */
    boolean delete(String tenantId, String workspaceId, String id);
}
