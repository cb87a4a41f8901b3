package dev.latchkey.idempotency;

/**
 * Whose idempotency key this is: the tenant and client of the caller's access token, and the SHA-256 of
 * the {@code X-Idempotency-Key} value (hex). Two callers never share a key: a replayed answer, which may
 * hold generated secrets, only ever goes back to the caller that caused it.
 */
public record IdempotencyKey(String tenantId, String clientId, String keyHash) {
}
