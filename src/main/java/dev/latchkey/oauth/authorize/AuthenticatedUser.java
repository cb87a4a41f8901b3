package dev.latchkey.oauth.authorize;

import java.util.List;
import java.util.Map;

/** A user the login form authenticated: subject, the IDP, how ({@code amr}), and the mapped claims. */
public record AuthenticatedUser(String subject, String idp, List<String> amr, Map<String, Object> claims) {

    public AuthenticatedUser {
        amr = List.copyOf(amr);
        claims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }
}
