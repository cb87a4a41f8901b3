package dev.latchkey.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a workspace's key life cycle (design §4), as pure planning: given the stored keys, what a
 * rotation or a revocation changes. Nothing is written here; {@link KeyService#apply} writes the plan in
 * the caller's transaction.
 *
 * <p>Rotation of one use ({@code sig} or {@code enc}): the current key becomes rotated, the next key
 * becomes current, and a new next key is generated; rotated keys beyond {@value #ROTATED_KEYS_LIMIT}
 * (oldest first) become revoked, and revoked keys beyond {@value #REVOKED_KEYS_LIMIT} are deleted. When the
 * requested key type differs from the next key's (a switch from ES256 to RS256, say), the next key, which
 * never signed anything, is dropped and a fresh current key of the requested type is generated, so that the
 * workspace signs with the requested type at once; the new next key is of the requested type too.
 *
 * <p>Revocation applies to rotated keys only; the revoked-keys limit applies as above.
 */
public final class KeyRotation {

    public static final int ROTATED_KEYS_LIMIT = 8;
    public static final int REVOKED_KEYS_LIMIT = 16;

    /** A planned rotation: what to write, and the key that signs (or encrypts) afterwards. */
    public record Plan(KeyChanges changes, StoredKey newCurrent, StoredKey previousCurrent, StoredKey newNext) {
    }

    private KeyRotation() {
    }

    /** The {@code key_type} ({@code ecdsa}, {@code rsa}, {@code ps}) a stored key belongs to. */
    public static String keyTypeOf(StoredKey key) {
        return keyTypeOf(key.publicJwk());
    }

    /** The {@code key_type} a key's public JWK parameters belong to. */
    public static String keyTypeOf(java.util.Map<String, Object> jwk) {
        if ("EC".equals(jwk.get("kty"))) {
            return "ecdsa";
        }
        return "PS256".equals(jwk.get("alg")) ? "ps" : "rsa";
    }

    /**
     * Plans the rotation of the {@code use} keys among {@code keys} (all keys of one workspace) to a new
     * next key of {@code keyType} (ignored for encryption keys, which are always RSA-OAEP-256).
     *
     * @throws IllegalStateException if the workspace has no current key of that use (a storage fault)
     */
    public static Plan rotate(List<StoredKey> keys, String use, String keyType, Instant now, KeyFactory factory) {
        List<StoredKey> ofUse = keys.stream().filter(k -> k.use().equals(use)).toList();
        StoredKey current = ofUse.stream().filter(k -> k.status() == KeyStatus.CURRENT).findFirst()
                .orElseThrow(() -> new IllegalStateException("the workspace has no current " + use + " key"));
        Optional<StoredKey> next = ofUse.stream().filter(k -> k.status() == KeyStatus.NEXT).findFirst();
        List<KeyRepository.KeyMaterial> inserts = new ArrayList<>();
        List<KeyChanges.Transition> updates = new ArrayList<>();
        List<KeyChanges.Transition> deletes = new ArrayList<>();

        StoredKey rotated = current.rotated(now);
        updates.add(new KeyChanges.Transition(rotated, KeyStatus.CURRENT));
        StoredKey newCurrent;
        if (next.isPresent() && ("enc".equals(use) || keyTypeOf(next.get()).equals(keyType))) {
            newCurrent = next.get().promoted(now);
            updates.add(new KeyChanges.Transition(newCurrent, KeyStatus.NEXT));
        } else {
            KeyRepository.KeyMaterial fresh = generate(factory, use, keyType, KeyStatus.CURRENT, now);
            inserts.add(fresh);
            newCurrent = fresh.key();
            next.ifPresent(n -> deletes.add(new KeyChanges.Transition(n, KeyStatus.NEXT)));
        }
        KeyRepository.KeyMaterial newNext = generate(factory, use, keyType, KeyStatus.NEXT, now);
        inserts.add(newNext);

        List<StoredKey> rotatedKeys = new ArrayList<>();
        rotatedKeys.add(rotated);
        rotatedKeys.addAll(newestFirst(ofUse, KeyStatus.ROTATED));
        List<StoredKey> newlyRevoked = new ArrayList<>();
        for (StoredKey old : rotatedKeys.subList(Math.min(ROTATED_KEYS_LIMIT, rotatedKeys.size()), rotatedKeys.size())) {
            newlyRevoked.add(old.revoked(now));
        }
        trimRevoked(ofUse, newlyRevoked, KeyStatus.ROTATED, updates, deletes);
        return new Plan(new KeyChanges(inserts, updates, deletes), newCurrent, rotated, newNext.key());
    }

    /** Plans the revocation of {@code key}, a rotated key among {@code keys} (all keys of one workspace). */
    public static KeyChanges revoke(List<StoredKey> keys, StoredKey key, Instant now) {
        if (key.status() != KeyStatus.ROTATED) {
            throw new IllegalArgumentException("only rotated keys can be revoked");
        }
        List<StoredKey> ofUse = keys.stream().filter(k -> k.use().equals(key.use())).toList();
        List<KeyChanges.Transition> updates = new ArrayList<>();
        List<KeyChanges.Transition> deletes = new ArrayList<>();
        trimRevoked(ofUse, List.of(key.revoked(now)), KeyStatus.ROTATED, updates, deletes);
        return new KeyChanges(List.of(), updates, deletes);
    }

    /** Keys of {@code status} among {@code keys}, the most recently changed first. */
    public static List<StoredKey> newestFirst(List<StoredKey> keys, KeyStatus status) {
        Comparator<StoredKey> order = Comparator
                .comparing((StoredKey k) -> orMin(status == KeyStatus.REVOKED ? k.revokedAt() : null))
                .thenComparing(k -> orMin(k.rotatedAt()))
                .thenComparing(k -> orMin(k.promotedAt()))
                .thenComparing(k -> orMin(k.createdAt()));
        return keys.stream().filter(k -> k.status() == status).sorted(order.reversed()).toList();
    }

    /**
     * Adds the updates that revoke {@code newlyRevoked} (newest first, now stored as {@code from}), and
     * the deletes of the revoked keys beyond the limit; a key revoked and dropped at once is only deleted.
     */
    private static void trimRevoked(List<StoredKey> ofUse, List<StoredKey> newlyRevoked, KeyStatus from,
                                    List<KeyChanges.Transition> updates, List<KeyChanges.Transition> deletes) {
        List<KeyChanges.Transition> revoked = new ArrayList<>();
        newlyRevoked.forEach(k -> revoked.add(new KeyChanges.Transition(k, from)));
        newestFirst(ofUse, KeyStatus.REVOKED).forEach(k -> revoked.add(new KeyChanges.Transition(k, KeyStatus.REVOKED)));
        for (int i = 0; i < revoked.size(); i++) {
            KeyChanges.Transition t = revoked.get(i);
            if (i >= REVOKED_KEYS_LIMIT) {
                deletes.add(t);
            } else if (t.from() != KeyStatus.REVOKED) {
                updates.add(t);
            }
        }
    }

    private static KeyRepository.KeyMaterial generate(KeyFactory factory, String use, String keyType,
                                                      KeyStatus status, Instant now) {
        return "enc".equals(use) ? factory.encryptionKey(status, now) : factory.signingKey(keyType, status, now);
    }

    private static Instant orMin(Instant instant) {
        return instant == null ? Instant.MIN : instant;
    }
}
