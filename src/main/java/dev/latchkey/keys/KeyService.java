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
     * Creates a workspace's initial keys (design §4): generates them ({@link #initialKeys}), then inserts
     * them, joining the caller's transaction. Prefer generating before the transaction and
     * {@link #insertInitialKeys} inside it: RSA key generation takes tens of milliseconds.
     */
    public void createInitialKeys(String tenantId, String workspaceId, String keyType) {
        insertInitialKeys(tenantId, workspaceId, initialKeys(keyType));
    }

    /**
     * Generates a workspace's initial keys (design §4): current and next signing keys of {@code keyType},
     * current and next RSA-OAEP-256 encryption keys. The four are made at once on platform threads, one
     * per core ({@link KeyGeneration}), while the caller waits: the calling (virtual) thread does not
     * hold a carrier, and nothing here touches the database, so call it before the transaction.
     */
    public List<KeyRepository.KeyMaterial> initialKeys(String keyType) {
        Instant now = clock.instant();
        return KeyGeneration.all(List.of(
                () -> factory.signingKey(keyType, KeyStatus.CURRENT, now),
                () -> factory.signingKey(keyType, KeyStatus.NEXT, now),
                () -> factory.encryptionKey(KeyStatus.CURRENT, now),
                () -> factory.encryptionKey(KeyStatus.NEXT, now)));
    }

    /** Inserts keys made by {@link #initialKeys}; call inside the creating transaction. */
    public void insertInitialKeys(String tenantId, String workspaceId, List<KeyRepository.KeyMaterial> keys) {
        for (KeyRepository.KeyMaterial material : keys) {
            repository.insert(tenantId, workspaceId, material);
        }
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
