package dev.latchkey.oauth.authorize;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1) after validation: the client, the
 * redirect URI it will be answered at ({@code redirectUri}) and the one it sent ({@code redirectUriParam},
 * null when omitted, which the code remembers for the token request's check, §4.1.3), the response mode,
 * the granted scopes, and the parameters carried to the code ({@code state}, {@code nonce}, the PKCE
 * challenge). {@code maxAge} is null when absent. Immutable; {@link #toMap()} is its stored form while
 * the user logs in.
 */
public record AuthorizationRequest(String clientId, String redirectUri, String redirectUriParam, String responseMode,
                                   List<String> scopes, String state, String nonce, String codeChallenge,
                                   String codeChallengeMethod, Set<String> prompt, Long maxAge, String loginHint) {

    public AuthorizationRequest {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        prompt = prompt == null ? Set.of() : Set.copyOf(prompt);
    }

    public boolean promptNone() {
        return prompt.contains("none");
    }

    public boolean promptLogin() {
        return prompt.contains("login");
    }

    /** The stored form: string values only, absent ones left out. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "client_id", clientId);
        put(m, "redirect_uri", redirectUri);
        put(m, "redirect_uri_param", redirectUriParam);
        put(m, "response_mode", responseMode);
        put(m, "scope", String.join(" ", scopes));
        put(m, "state", state);
        put(m, "nonce", nonce);
        put(m, "code_challenge", codeChallenge);
        put(m, "code_challenge_method", codeChallengeMethod);
        put(m, "prompt", String.join(" ", prompt));
        put(m, "max_age", maxAge == null ? null : maxAge.toString());
        put(m, "login_hint", loginHint);
        return m;
    }

    public static AuthorizationRequest fromMap(Map<String, String> m) {
        return new AuthorizationRequest(m.get("client_id"), m.get("redirect_uri"), m.get("redirect_uri_param"),
                m.get("response_mode"), words(m.get("scope")), m.get("state"), m.get("nonce"),
                m.get("code_challenge"), m.get("code_challenge_method"), new LinkedHashSet<>(words(m.get("prompt"))),
                m.get("max_age") == null ? null : Long.valueOf(m.get("max_age")), m.get("login_hint"));
    }

    static List<String> words(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.trim().split(" +")).distinct().toList();
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }
}
