package dev.latchkey.keys;

import java.util.List;

/** Stored keys of workspaces. Calls made inside a transaction of the same thread join it. */
public interface KeyRepository {

    /** All keys of a workspace with their decrypted private JWKs (JSON), oldest first. */
    List<KeyMaterial> keysOf(String tenantId, String workspaceId);

    /** All keys of a workspace without their private parts (nothing is decrypted), oldest first. */
    List<StoredKey> storedKeysOf(String tenantId, String workspaceId);

    void insert(String tenantId, String workspaceId, KeyMaterial key);

    /**
     * Inserts {@code keys} (all of {@code use}) if the workspace exists and has no key of that use yet, in one
     * transaction that locks the workspace's row first: of several callers (threads or nodes) with keys for
     * one workspace and use, exactly one inserts; the others get false and read the winner's keys.
     */
    boolean insertIfNone(String tenantId, String workspaceId, String use, List<KeyMaterial> keys);

    /** The workspaces lacking the keys of a use (made with deferred keys), in order of tenant and id. */
    List<WorkspaceRef> workspacesLackingKeys();

    /** Stores {@code key}'s new status and times if it still has status {@code from}; false otherwise. */
    boolean update(String tenantId, String workspaceId, StoredKey key, KeyStatus from);

    /** Deletes the key {@code kid} if it still has status {@code from}; false otherwise. */
    boolean delete(String tenantId, String workspaceId, String kid, KeyStatus from);

    /** A stored key with its private JWK as JSON text. */
    record KeyMaterial(StoredKey key, String privateJwk) {
    }

    /** A workspace by its ids. */
    record WorkspaceRef(String tenantId, String workspaceId) {
    }
}
