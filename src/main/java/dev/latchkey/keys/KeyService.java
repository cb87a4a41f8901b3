package dev.latchkey.keys;

import java.time.Clock;

/** Creates the keys of new workspaces and loads their key rings. */
public final class KeyService {

    private final KeyRepository repository;
    private final KeyFactory factory;
    private final Clock clock;

    public KeyService(KeyRepository repository, KeyFactory factory, Clock clock) {
        this.repository = repository;
        this.factory = factory;
        this.clock = clock;
    }

    /**
     * Creates a workspace's initial keys (design §4): current and next signing keys of {@code keyType},
     * current and next encryption keys. Joins the caller's transaction.
     */
    public void createInitialKeys(String tenantId, String workspaceId, String keyType) {
        var now = clock.instant();
        repository.insert(tenantId, workspaceId, factory.signingKey(keyType, KeyStatus.CURRENT, now));
        repository.insert(tenantId, workspaceId, factory.signingKey(keyType, KeyStatus.NEXT, now));
        repository.insert(tenantId, workspaceId, factory.encryptionKey(KeyStatus.CURRENT, now));
        repository.insert(tenantId, workspaceId, factory.encryptionKey(KeyStatus.NEXT, now));
    }

    public KeyRing ring(String tenantId, String workspaceId) {
        return KeyRing.of(repository.keysOf(tenantId, workspaceId));
    }
}
