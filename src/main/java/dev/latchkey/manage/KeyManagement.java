package dev.latchkey.manage;

import dev.latchkey.keys.KeyChanges;
import dev.latchkey.keys.KeyRotation;
import dev.latchkey.keys.KeyService;
import dev.latchkey.keys.KeyStatus;
import dev.latchkey.keys.KeysResponse;
import dev.latchkey.keys.ServerJwk;
import dev.latchkey.keys.StoredKey;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Transactions;
import dev.latchkey.support.ApiException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Workspace keys through the Admin API (getKeys, getKey, rotateKey, revokeKey): validates, plans the
 * change ({@link KeyRotation}, keys generated before the transaction), writes it and its audit event in
 * one transaction, then publishes a {@code keys} change so that every node reloads the workspace's key
 * ring (new tokens carry the new current kid; a revoked key stops verifying at once). An unknown
 * workspace, including one of another tenant, is 404. Thread-safe.
 */
public final class KeyManagement {

    public static final Set<String> USES = Set.of("sig", "enc");
    public static final Set<String> KEY_TYPES = Set.of("rsa", "ecdsa", "ps");

    private final Transactions transactions;
    private final KeyService keys;
    private final Audit audit;
    private final ChangeBus bus;
    private final Clock clock;

    public KeyManagement(Transactions transactions, KeyService keys, Audit audit, ChangeBus bus, Clock clock) {
        this.transactions = transactions;
        this.keys = keys;
        this.audit = audit;
        this.bus = bus;
        this.clock = clock;
    }

    /** getKeys: the workspace's keys of {@code use} by state. */
    public KeysResponse keys(String tenantId, String workspaceId, String use) {
        checkUse(use);
        return KeysResponse.of(existing(tenantId, workspaceId), use);
    }

    /** getKey: the bare public JWK of a current, next, rotated or revoked key. */
    public Map<String, Object> rawKey(String tenantId, String workspaceId, String kid) {
        return ServerJwk.rawJwk(find(existing(tenantId, workspaceId), kid, null));
    }

    /** rotateKey: returns the new current key (the one that signs, or is advertised for encryption, now). */
    public ServerJwk rotate(Actor actor, String tenantId, String workspaceId, String use, String keyType) {
        checkUse(use);
        if (!KEY_TYPES.contains(keyType)) {
            throw ApiException.badRequest("key_type must be one of rsa, ecdsa, ps");
        }
        if ("enc".equals(use) && !"rsa".equals(keyType)) {
            throw ApiException.badRequest("encryption keys are RSA (RSA-OAEP-256): key_type must be rsa for use=enc");
        }
        return rotate(actor, tenantId, workspaceId, use, keyType, existing(tenantId, workspaceId), () -> true, false)
                .orElseThrow();
    }

    /**
     * A scheduled rotation, keeping the key type of the next key (so that the key published in advance is
     * the one promoted). {@code claim} runs first in the transaction; when it returns false (another node
     * rotated already) nothing is changed and the result is empty.
     */
    Optional<ServerJwk> rotateScheduled(String tenantId, String workspaceId, String use, BooleanSupplier claim) {
        List<StoredKey> stored = existing(tenantId, workspaceId);
        String keyType = stored.stream().filter(k -> k.use().equals(use) && k.status() == KeyStatus.NEXT)
                .findFirst().or(() -> stored.stream().filter(k -> k.use().equals(use)).findFirst())
                .map(KeyRotation::keyTypeOf).orElse("ecdsa");
        return rotate(Actor.system(tenantId), tenantId, workspaceId, use, keyType, stored, claim, true);
    }

    private Optional<ServerJwk> rotate(Actor actor, String tenantId, String workspaceId, String use, String keyType,
                                       List<StoredKey> stored, BooleanSupplier claim, boolean scheduled) {
        Instant now = clock.instant();
        KeyRotation.Plan plan = keys.planRotation(stored, use, keyType, now);
        boolean done = transactions.inTransaction(() -> {
            if (!claim.getAsBoolean()) {
                return false;
            }
            keys.apply(tenantId, workspaceId, plan.changes());
            Map<String, Object> details = details(use, plan.changes());
            details.put("key_type", keyType);
            details.put("previous_kid", plan.previousCurrent().kid());
            details.put("next_kid", plan.newNext().kid());
            details.put("scheduled", scheduled);
            audit.record(actor, workspaceId, "rotated", "key", plan.newCurrent().kid(), details);
            return true;
        });
        if (!done) {
            return Optional.empty();
        }
        bus.publish(new Change("keys", tenantId, workspaceId, plan.newCurrent().kid()));
        return Optional.of(ServerJwk.of(plan.newCurrent()));
    }

    /**
     * revokeKey: a rotated key of {@code use} stops being published and accepted at once. The current and
     * next keys cannot be revoked (422); revoking a revoked key changes nothing and returns it.
     */
    public ServerJwk revoke(Actor actor, String tenantId, String workspaceId, String use, String kid) {
        checkUse(use);
        List<StoredKey> stored = existing(tenantId, workspaceId);
        StoredKey key = find(stored, kid, use);
        switch (key.status()) {
            case REVOKED -> {
                return ServerJwk.of(key);
            }
            case CURRENT -> throw ApiException.unprocessable(
                    "The current key cannot be revoked: rotate the keys first, then revoke the rotated key");
            case NEXT -> throw ApiException.unprocessable("The next key cannot be revoked: only rotated keys can");
            default -> {
            }
        }
        KeyChanges changes = KeyRotation.revoke(stored, key, clock.instant());
        transactions.run(() -> {
            keys.apply(tenantId, workspaceId, changes);
            audit.record(actor, workspaceId, "revoked", "key", kid, details(use, changes));
        });
        bus.publish(new Change("keys", tenantId, workspaceId, kid));
        return ServerJwk.of(changes.updates().getFirst().key());
    }

    /** 400 unless {@code use} is {@code sig} or {@code enc}. */
    public static void checkUse(String use) {
        if (!USES.contains(use)) {
            throw ApiException.badRequest("use must be sig or enc");
        }
    }

    /** The workspace's keys; every workspace has keys, so none means no such workspace in this tenant. */
    List<StoredKey> existing(String tenantId, String workspaceId) {
        List<StoredKey> stored = keys.storedKeys(tenantId, workspaceId);
        if (stored.isEmpty()) {
            throw ApiException.notFound("Workspace not found");
        }
        return stored;
    }

    private static StoredKey find(List<StoredKey> stored, String kid, String use) {
        return stored.stream().filter(k -> k.kid().equals(kid) && (use == null || k.use().equals(use)))
                .findFirst().orElseThrow(() -> ApiException.notFound("Key not found"));
    }

    private static Map<String, Object> details(String use, KeyChanges changes) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("use", use);
        details.put("revoked_kids", changes.revokedKids());
        details.put("deleted_kids", changes.deletedKids());
        return details;
    }
}
