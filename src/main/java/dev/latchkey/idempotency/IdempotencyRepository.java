package dev.latchkey.idempotency;

import java.time.Instant;
import java.util.Optional;

/** Storage of the requests seen with an idempotency key, shared by every node. */
public interface IdempotencyRepository {

    /** Records a running request; false when the key is already taken (whatever its state). */
    boolean reserve(IdempotencyKey key, String requestHash, Instant createdAt, Instant expiresAt);

    Optional<IdempotentRequest> find(IdempotencyKey key);

    /** Stores the answer of the running request of {@code key}. */
    void complete(IdempotencyKey key, StoredResponse response);

    /** Forgets {@code key} (its request failed, so a retry with the same key runs again). */
    void release(IdempotencyKey key);

    /** Forgets {@code key} if it expired at or before {@code now}. */
    void releaseIfExpired(IdempotencyKey key, Instant now);

    /** Removes every entry that expired at or before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
