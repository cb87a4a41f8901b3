package dev.latchkey.oauth;

/**
 * One grant type of the token endpoint. Implementations check everything first and issue last (no side
 * effect before the final step), and are registered in {@link TokenService} by {@link #grantType()}.
 */
public interface GrantHandler {

    String grantType();

    TokenResponse handle(TokenRequest request);
}
