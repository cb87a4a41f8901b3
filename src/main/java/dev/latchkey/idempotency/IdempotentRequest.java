package dev.latchkey.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * A request seen with an idempotency key: the hash of what was asked (method, path, query, body) and,
 * once it has succeeded, its answer; {@code response} is empty while the first request still runs.
 */
public record IdempotentRequest(String requestHash, Optional<StoredResponse> response, Instant expiresAt) {
}
