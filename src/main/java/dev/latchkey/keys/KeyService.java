package dev.latchkey.keys;

import dev.latchkey.support.ApiException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The keys of workspaces: creates the keys of new workspaces, loads their key rings, gives the public
 * views of the management API, and applies planned key changes ({@link KeyRotation}). Joins the caller's
 * transaction. Thread-safe.
 *
 * <p>A workspace may be created with deferred keys (the first start's workspaces, so that key generation is
 * off the start-up path, issue 8). Every read of its keys here makes the initial keys it lacks first
 * ({@link #ensureKeys}): {@link #ring} its signing keys (ECDSA by default: about a millisecond), so that
 * its first token waits for no RSA key, and {@link #publicKeys} and {@link #storedKeys} all of them, so that
 * no caller ever sees a workspace without keys and no token is signed before its key is stored. The
 * encryption keys (RSA) come from the start's background pass ({@link #ensureAllKeys}); storing them
 * after a ring was built is announced to {@code keysMade} (the change bus), which drops that ring.
 */
public final class KeyService {

    /** The {@code key_type} of an existing workspace; empty when there is no such workspace. */
    @FunctionalInterface
    public interface WorkspaceKeyTypes {
        Optional<String> keyType(String tenantId, String workspaceId);
    }

    private static final List<String> USES = List.of("sig", "enc");

    private final KeyRepository repository;
    private final KeyFactory factory;
    private final Clock clock;
    private final WorkspaceKeyTypes keyTypes;
    private final BiConsumer<String, String> keysMade;

    /**
     * @param keyTypes the key type of a workspace whose deferred signing keys are made
     * @param keysMade told (tenant id, workspace id) after deferred keys were stored, outside any transaction of
     *                 this service's own
     */
    public KeyService(KeyRepository repository, KeyFactory factory, Clock clock, WorkspaceKeyTypes keyTypes,
                      BiConsumer<String, String> keysMade) {
        this.repository = repository;
        this.factory = factory;
        this.clock = clock;
        this.keyTypes = keyTypes;
        this.keysMade = keysMade;
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
        return generate(List.of("sig", "enc"), keyType);
    }

    /** The current and next keys of each of {@code uses}, made at once on the key generation threads. */
    private List<KeyRepository.KeyMaterial> generate(List<String> uses, String keyType) {
        Instant now = clock.instant();
        List<Supplier<KeyRepository.KeyMaterial>> work = new ArrayList<>();
        for (String use : uses) {
            for (KeyStatus status : List.of(KeyStatus.CURRENT, KeyStatus.NEXT)) {
                work.add("sig".equals(use) ? () -> factory.signingKey(keyType, status, now)
                        : () -> factory.encryptionKey(status, now));
            }
        }
        return KeyGeneration.all(work);
    }

    /** Inserts keys made by {@link #initialKeys}; call inside the creating transaction. */
    public void insertInitialKeys(String tenantId, String workspaceId, List<KeyRepository.KeyMaterial> keys) {
        for (KeyRepository.KeyMaterial material : keys) {
            repository.insert(tenantId, workspaceId, material);
        }
    }

    public KeyRing ring(String tenantId, String workspaceId) {
        return KeyRing.of(made(tenantId, workspaceId, List.of("sig"), () -> repository.keysOf(tenantId, workspaceId),
                KeyRepository.KeyMaterial::key));
    }

    /**
     * Makes the initial keys of each of {@code uses} ({@code sig}, {@code enc}) that a workspace created with
     * deferred keys still lacks: generated outside any transaction of this method's own, then inserted only if
     * no key of that use appeared meanwhile ({@link KeyRepository#insertIfNone}). Callers racing for one
     * workspace (threads, nodes) may each generate keys, but the database keeps one set and the others are
     * dropped unused; nobody waits for another's generation while holding a lock. Returns the number of uses
     * whose keys this call stored (0 when the workspace had them, or does not exist).
     */
    public int ensureKeys(String tenantId, String workspaceId, List<String> uses) {
        List<String> stored = new ArrayList<>();
        for (String use : uses) {
            boolean lacking = repository.storedKeysOf(tenantId, workspaceId).stream()
                    .noneMatch(k -> k.use().equals(use));
            if (lacking && keyTypes.keyType(tenantId, workspaceId).map(type -> repository.insertIfNone(
                    tenantId, workspaceId, use, generate(List.of(use), type))).orElse(false)) {
                stored.add(use);
            }
        }
        // a ring is never built without signing keys (ring() makes them first), so only keys of another use
        // stored now can be missing from a ring built meanwhile; announcing signing keys from inside a ring's
        // loading would also drop the entry being loaded
        if (stored.stream().anyMatch(use -> !"sig".equals(use))) {
            keysMade.accept(tenantId, workspaceId);
        }
        return stored.size();
    }

    /**
     * Makes the keys of every workspace created with deferred keys (the start's background pass): first the
     * signing keys of all of them, then their encryption keys. Returns the number of workspaces that got keys.
     */
    public int ensureAllKeys() {
        return ensureAllKeys(() -> { });
    }

    /**
     * {@link #ensureAllKeys()}, running {@code beforeEncryptionKeys} once the signing keys are made and before
     * the encryption keys (RSA) are generated: the start's background pass waits there, so that RSA key
     * generation does not compete with the first requests for the cores.
     */
    public int ensureAllKeys(Runnable beforeEncryptionKeys) {
        List<KeyRepository.WorkspaceRef> lacking = repository.workspacesLackingKeys();
        Set<KeyRepository.WorkspaceRef> made = new HashSet<>();
        for (String use : USES) {
            if ("enc".equals(use) && !lacking.isEmpty()) {
                beforeEncryptionKeys.run();
            }
            for (KeyRepository.WorkspaceRef ref : lacking) {
                if (ensureKeys(ref.tenantId(), ref.workspaceId(), List.of(use)) > 0) {
                    made.add(ref);
                }
            }
        }
        return made.size();
    }

    /** {@code read}'s keys, after making the deferred keys of {@code uses} that they lack. */
    private <T> List<T> made(String tenantId, String workspaceId, List<String> uses, Supplier<List<T>> read,
                             Function<T, StoredKey> key) {
        List<T> keys = read.get();
        List<String> lacking = uses.stream()
                .filter(use -> keys.stream().noneMatch(k -> key.apply(k).use().equals(use))).toList();
        if (lacking.isEmpty()) {
            return keys;
        }
        ensureKeys(tenantId, workspaceId, lacking);
        return read.get();
    }

    /**
     * The workspace's {@code jwks} as Cloudentity's {@code ServerJWKs} (public parameters only), for the
     * workspace responses of the management API. Empty keys for an unknown workspace.
     */
    public ServerJwks publicKeys(String tenantId, String workspaceId) {
        return ServerJwks.of(storedKeys(tenantId, workspaceId));
    }

    /** Every key of the workspace without private parts, oldest first; empty for an unknown workspace. */
    public List<StoredKey> storedKeys(String tenantId, String workspaceId) {
        return made(tenantId, workspaceId, USES, () -> repository.storedKeysOf(tenantId, workspaceId),
                Function.identity());
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
