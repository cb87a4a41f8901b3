package dev.latchkey.idempotency;

import dev.latchkey.support.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rules of {@code X-Idempotency-Key} (Cloudentity: "retry failed requests with the same key within
 * 1 minute"; the IETF draft "The Idempotency-Key HTTP Header Field" for the error statuses). The first
 * request with a key reserves it before it runs, so that two nodes cannot both run it; a retry within
 * {@link #WINDOW} of the first gets the stored answer, if the first succeeded. The same key for a
 * different request is 422; a retry while the first still runs is 409. Expired entries are removed when
 * their key comes again, and all of them every {@link #CLEANUP_EVERY}. Thread-safe.
 */
public final class IdempotentRequests {

    public static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration CLEANUP_EVERY = Duration.ofMinutes(5);

    /** What to do with a request that carries a key: run it, or answer with a stored response. */
    public sealed interface Start permits Run, Replay {
    }

    public record Run() implements Start {
    }

    public record Replay(StoredResponse response) implements Start {
    }

    private final IdempotencyRepository repository;
    private final Clock clock;
    private final AtomicReference<Instant> lastCleanup;

    public IdempotentRequests(IdempotencyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.lastCleanup = new AtomicReference<>(clock.instant());
    }

    /** Reserves {@code key} for the request, or says to replay; throws 409 or 422 as described above. */
    public Start begin(IdempotencyKey key, String requestHash) {
        Instant now = clock.instant();
        cleanUpNowAndThen(now);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (repository.reserve(key, requestHash, now, now.plus(WINDOW))) {
                return new Run();
            }
            Optional<IdempotentRequest> seen = repository.find(key);
            if (seen.isEmpty()) {
                continue; // released in between: try to reserve again
            }
            IdempotentRequest request = seen.get();
            if (!request.expiresAt().isAfter(now)) {
                repository.releaseIfExpired(key, now);
                continue;
            }
            if (!request.requestHash().equals(requestHash)) {
                throw new ApiException(422, "idempotency_key_reused", "The X-Idempotency-Key was already used "
                        + "within the last minute for a different request (method, path, query or body)");
            }
            if (request.response().isEmpty()) {
                throw inUse();
            }
            return new Replay(request.response().get());
        }
        throw inUse();
    }

    /** Keeps the successful answer of the request that reserved {@code key}. */
    public void complete(IdempotencyKey key, StoredResponse response) {
        repository.complete(key, response);
    }

    /** The request that reserved {@code key} failed: a retry with the key runs it again. */
    public void release(IdempotencyKey key) {
        repository.release(key);
    }

    private static ApiException inUse() {
        return new ApiException(409, "idempotency_key_in_use",
                "A request with this X-Idempotency-Key is still being processed; retry later");
    }

    private void cleanUpNowAndThen(Instant now) {
        Instant last = lastCleanup.get();
        if (now.isAfter(last.plus(CLEANUP_EVERY)) && lastCleanup.compareAndSet(last, now)) {
            repository.deleteExpired(now);
        }
    }
}
