package dev.latchkey.oauth;

/**
 * A successful token response (RFC 6749 §5.1). {@code token_type} is written {@code bearer}, as
 * Cloudentity does; {@code scope} is omitted when empty.
 */
public record TokenResponse(String accessToken, long expiresIn, String scope, String tokenType) {
}
