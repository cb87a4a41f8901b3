package dev.latchkey.oauth.introspection;

import java.util.List;

/**
 * Who calls the introspection or revocation endpoint: an authenticated client (its registered scopes), or
 * the holder of one of the workspace's access tokens ({@code Authorization: Bearer}, as Cloudentity
 * allows; the token's scopes). A caller may act on the tokens issued to its own client; with
 * {@code introspect_tokens} (or {@code revoke_tokens}) on any token of its workspace. Immutable.
 */
public record Caller(String clientId, List<String> scopes) {

    public static final String INTROSPECT_TOKENS = "introspect_tokens";
    public static final String REVOKE_TOKENS = "revoke_tokens";

    public Caller {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** True when this caller may act on a token issued to {@code tokenClientId}, given the scope for any token. */
    public boolean mayActOn(String tokenClientId, String anyTokenScope) {
        return clientId.equals(tokenClientId) || scopes.contains(anyTokenScope);
    }
}
