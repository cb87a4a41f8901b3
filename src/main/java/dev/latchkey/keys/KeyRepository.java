package dev.latchkey.keys;

import java.util.List;

/** Stored keys of workspaces. Calls made inside a transaction of the same thread join it. */
public interface KeyRepository {

    /** All keys of a workspace with their decrypted private JWKs (JSON), oldest first. */
    List<KeyMaterial> keysOf(String tenantId, String workspaceId);

    /** All keys of a workspace without their private parts (nothing is decrypted), oldest first. */
    List<StoredKey> storedKeysOf(String tenantId, String workspaceId);

    void insert(String tenantId, String workspaceId, KeyMaterial key);

    /** Stores {@code key}'s new status and times if it still has status {@code from}; false otherwise. */
    boolean update(String tenantId, String workspaceId, StoredKey key, KeyStatus from);

    /** Deletes the key {@code kid} if it still has status {@code from}; false otherwise. */
    boolean delete(String tenantId, String workspaceId, String kid, KeyStatus from);

    /** A stored key with its private JWK as JSON text. */
    record KeyMaterial(StoredKey key, String privateJwk) {
    }
}
