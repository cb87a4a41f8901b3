package dev.latchkey.keys;

import java.util.List;

/**
 * The key changes of one operation (a rotation, a revocation), planned before the transaction and then
 * applied in it by {@link KeyService#apply}. Each update and delete names the status the key must still
 * have, so that two operations racing on one workspace cannot both win.
 *
 * @param inserts new keys with their private JWKs
 * @param updates keys in their new state, with the status they must have now
 * @param deletes keys to drop (beyond the revoked-keys limit), with the status they must have now
 */
public record KeyChanges(List<KeyRepository.KeyMaterial> inserts, List<Transition> updates,
                         List<Transition> deletes) {

    public KeyChanges {
        inserts = List.copyOf(inserts);
        updates = List.copyOf(updates);
        deletes = List.copyOf(deletes);
    }

    /** {@code key} (in its new state for updates) and the status {@code from} it must be stored with. */
    public record Transition(StoredKey key, KeyStatus from) {
    }

    /** Kids of the keys this change revokes (for audit events). */
    public List<String> revokedKids() {
        return updates.stream().filter(t -> t.key().status() == KeyStatus.REVOKED).map(t -> t.key().kid()).toList();
    }

    /** Kids of the keys this change deletes (for audit events). */
    public List<String> deletedKids() {
        return deletes.stream().map(t -> t.key().kid()).toList();
    }
}
