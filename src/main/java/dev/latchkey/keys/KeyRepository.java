package dev.latchkey.keys;

import java.util.List;

/** Stored keys of workspaces. */
public interface KeyRepository {

    /** All keys of a workspace with their decrypted private JWKs (JSON), oldest first. */
    List<KeyMaterial> keysOf(String tenantId, String workspaceId);

    void insert(String tenantId, String workspaceId, KeyMaterial key);

    /** A stored key with its private JWK as JSON text. */
    record KeyMaterial(StoredKey key, String privateJwk) {
    }
}
