package dev.latchkey.keys;

import dev.latchkey.support.ApiException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The keys of workspaces: creates the keys of new workspaces, loads their key rings, gives the public
 * views of the management API, and applies planned key changes ({@link KeyRotation}). Joins the caller's
 * transaction. Thread-safe.
 */
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

    /**
     * The workspace's {@code jwks} as Cloudentity's {@code ServerJWKs} (public parameters only), for the
     * workspace responses of the management API. Empty keys for an unknown workspace.
     */
    public ServerJwks publicKeys(String tenantId, String workspaceId) {
        return ServerJwks.of(repository.storedKeysOf(tenantId, workspaceId));
    }

    /** Every key of the workspace without private parts, oldest first; empty for an unknown workspace. */
    public List<StoredKey> storedKeys(String tenantId, String workspaceId) {
        return repository.storedKeysOf(tenantId, workspaceId);
    }

    /** Plans a rotation with this service's key factory (keys are generated here, before any transaction). */
    public KeyRotation.Plan planRotation(List<StoredKey> keys, String use, String keyType, Instant now) {
        return KeyRotation.rotate(keys, use, keyType, now, factory);
    }

    /**
     * Writes planned changes; call inside the operation's transaction. A key no longer in the status the
     * plan expects means another operation changed the keys meanwhile: 409, and the transaction rolls back.
     */
    public void apply(String tenantId, String workspaceId, KeyChanges changes) {
        for (KeyChanges.Transition t : changes.updates()) {
            if (!repository.update(tenantId, workspaceId, t.key(), t.from())) {
                throw concurrentChange();
            }
        }
        for (KeyChanges.Transition t : changes.deletes()) {
            if (!repository.delete(tenantId, workspaceId, t.key().kid(), t.from())) {
                throw concurrentChange();
            }
        }
        for (KeyRepository.KeyMaterial material : changes.inserts()) {
            repository.insert(tenantId, workspaceId, material);
        }
    }

    private static ApiException concurrentChange() {
        return ApiException.conflict("The keys of the workspace were changed by another request; try again");
    }
}
