package dev.latchkey.keys;

import dev.latchkey.support.SecureRandomness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The planning rules of key rotation and revocation (design §4), without storage. */
class KeyRotationTest {

    private final KeyFactory factory = new KeyFactory(SecureRandomness.strong());
    private final Instant t0 = Instant.parse("2030-01-01T00:00:00Z");

    /** A workspace's keys as a map by kid, changed as a repository would apply a plan. */
    private static void apply(Map<String, StoredKey> keys, KeyChanges changes) {
        for (KeyChanges.Transition t : changes.updates()) {
            assertThat(keys.get(t.key().kid()).status()).isEqualTo(t.from());
            keys.put(t.key().kid(), t.key());
        }
        for (KeyChanges.Transition t : changes.deletes()) {
            assertThat(keys.get(t.key().kid()).status()).isEqualTo(t.from());
            keys.remove(t.key().kid());
        }
        changes.inserts().forEach(m -> keys.put(m.key().kid(), m.key()));
    }

    private Map<String, StoredKey> initialKeys(String keyType) {
        Map<String, StoredKey> keys = new LinkedHashMap<>();
        for (KeyRepository.KeyMaterial m : List.of(factory.signingKey(keyType, KeyStatus.CURRENT, t0),
                factory.signingKey(keyType, KeyStatus.NEXT, t0))) {
            keys.put(m.key().kid(), m.key());
        }
        return keys;
    }

    private static List<StoredKey> of(Map<String, StoredKey> keys, KeyStatus status) {
        return keys.values().stream().filter(k -> k.status() == status).toList();
    }

    @Test
    void rotationPromotesNextRotatesCurrentAndAddsANewNext() {
        Map<String, StoredKey> keys = initialKeys("ecdsa");
        StoredKey current = of(keys, KeyStatus.CURRENT).getFirst();
        StoredKey next = of(keys, KeyStatus.NEXT).getFirst();
        Instant t1 = t0.plus(Duration.ofHours(1));

        KeyRotation.Plan plan = KeyRotation.rotate(List.copyOf(keys.values()), "sig", "ecdsa", t1, factory);
        apply(keys, plan.changes());

        assertThat(plan.newCurrent().kid()).isEqualTo(next.kid());
        assertThat(plan.newCurrent().promotedAt()).isEqualTo(t1);
        assertThat(plan.previousCurrent()).isEqualTo(current.rotated(t1));
        assertThat(of(keys, KeyStatus.ROTATED)).containsExactly(current.rotated(t1));
        assertThat(of(keys, KeyStatus.NEXT)).singleElement().satisfies(k -> {
            assertThat(k.kid()).isNotIn(current.kid(), next.kid());
            assertThat(KeyRotation.keyTypeOf(k)).isEqualTo("ecdsa");
            assertThat(k.createdAt()).isEqualTo(t1);
        });
        assertThat(plan.changes().revokedKids()).isEmpty();
        assertThat(plan.changes().deletedKids()).isEmpty();
    }

    @Test
    void aDifferentKeyTypeReplacesTheUnusedNextKeyWithAFreshCurrentOne() {
        Map<String, StoredKey> keys = initialKeys("ecdsa");
        StoredKey current = of(keys, KeyStatus.CURRENT).getFirst();
        StoredKey next = of(keys, KeyStatus.NEXT).getFirst();

        KeyRotation.Plan plan = KeyRotation.rotate(List.copyOf(keys.values()), "sig", "ps", t0, factory);
        apply(keys, plan.changes());

        assertThat(KeyRotation.keyTypeOf(plan.newCurrent())).isEqualTo("ps");
        assertThat(plan.newCurrent().publicJwk()).containsEntry("alg", "PS256");
        assertThat(keys).doesNotContainKey(next.kid());
        assertThat(plan.changes().deletedKids()).containsExactly(next.kid());
        assertThat(of(keys, KeyStatus.ROTATED)).extracting(StoredKey::kid).containsExactly(current.kid());
        assertThat(KeyRotation.keyTypeOf(of(keys, KeyStatus.NEXT).getFirst())).isEqualTo("ps");
    }

    @Test
    void limitsRevokeTheOldestRotatedKeysAndDeleteTheOldestRevokedOnes() {
        Map<String, StoredKey> keys = initialKeys("ecdsa");
        List<String> currents = new ArrayList<>();
        currents.add(of(keys, KeyStatus.CURRENT).getFirst().kid());
        for (int i = 1; i <= 30; i++) {
            KeyRotation.Plan plan = KeyRotation.rotate(List.copyOf(keys.values()), "sig", "ecdsa",
                    t0.plus(Duration.ofMinutes(i)), factory);
            apply(keys, plan.changes());
            currents.add(plan.newCurrent().kid());
        }

        assertThat(KeyRotation.newestFirst(List.copyOf(keys.values()), KeyStatus.ROTATED)).extracting(StoredKey::kid)
                .containsExactlyElementsOf(currents.subList(22, 30).reversed());
        assertThat(KeyRotation.newestFirst(List.copyOf(keys.values()), KeyStatus.REVOKED)).extracting(StoredKey::kid)
                .containsExactlyElementsOf(currents.subList(6, 22).reversed());
        assertThat(keys).doesNotContainKeys(currents.subList(0, 6).toArray(String[]::new));
        assertThat(keys).hasSize(1 + 1 + KeyRotation.ROTATED_KEYS_LIMIT + KeyRotation.REVOKED_KEYS_LIMIT);
    }

    @Test
    void revocationAppliesToRotatedKeysOnlyAndKeepsTheRevokedLimit() {
        Map<String, StoredKey> keys = initialKeys("ecdsa");
        StoredKey first = of(keys, KeyStatus.CURRENT).getFirst();
        apply(keys, KeyRotation.rotate(List.copyOf(keys.values()), "sig", "ecdsa", t0, factory).changes());

        assertThatThrownBy(() -> KeyRotation.revoke(List.copyOf(keys.values()), of(keys, KeyStatus.CURRENT).getFirst(), t0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyRotation.revoke(List.copyOf(keys.values()), of(keys, KeyStatus.NEXT).getFirst(), t0))
                .isInstanceOf(IllegalArgumentException.class);
        Instant t1 = t0.plusSeconds(60);
        KeyChanges changes = KeyRotation.revoke(List.copyOf(keys.values()), keys.get(first.kid()), t1);
        apply(keys, changes);
        assertThat(keys.get(first.kid()).status()).isEqualTo(KeyStatus.REVOKED);
        assertThat(keys.get(first.kid()).revokedAt()).isEqualTo(t1);
        assertThat(changes.revokedKids()).containsExactly(first.kid());
    }

    @Test
    void encryptionKeysRotateApartFromSigningKeys() {
        Map<String, StoredKey> keys = initialKeys("ecdsa");
        Map<String, StoredKey> signing = new HashMap<>(keys);
        for (KeyRepository.KeyMaterial m : List.of(factory.encryptionKey(KeyStatus.CURRENT, t0),
                factory.encryptionKey(KeyStatus.NEXT, t0))) {
            keys.put(m.key().kid(), m.key());
        }

        KeyRotation.Plan plan = KeyRotation.rotate(List.copyOf(keys.values()), "enc", "rsa", t0, factory);
        apply(keys, plan.changes());

        assertThat(plan.newCurrent().use()).isEqualTo("enc");
        assertThat(plan.newCurrent().publicJwk()).containsEntry("alg", "RSA-OAEP-256");
        signing.forEach((kid, key) -> assertThat(keys.get(kid)).isEqualTo(key));
    }

    @Test
    void serverJwkViewsNeverCarryPrivateParameters() {
        Map<String, Object> leaky = new HashMap<>(initialKeys("ecdsa").values().iterator().next().publicJwk());
        leaky.put("d", "secret");
        leaky.put("k", "secret");
        StoredKey key = new StoredKey("1", "sig", KeyStatus.CURRENT, leaky, t0, t0, null, null);

        assertThat(ServerJwk.of(key).json()).doesNotContainKeys("d", "k").containsKeys("x", "y", "created_at",
                "promoted_at", "rotated_at", "revoked_at");
        assertThat(ServerJwk.rawJwk(key)).doesNotContainKeys("d", "k", "created_at");
        assertThat(ServerJwk.of(key).json().keySet()).startsWith("use", "kty", "kid", "crv", "alg", "x", "y");
    }
}
