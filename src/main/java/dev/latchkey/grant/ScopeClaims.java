package dev.latchkey.grant;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a user's claims a client receives for the scopes it was granted (OIDC Core §5.4):
 * {@code profile}, {@code email}, {@code address}, {@code phone} request the standard claims below. Used
 * for the ID token and the userinfo response alike, so that both say the same. Pure function.
 */
public final class ScopeClaims {

    private static final Map<String, List<String>> CLAIMS = Map.of(
            "profile", List.of("name", "family_name", "given_name", "middle_name", "nickname",
                    "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo",
                    "locale", "updated_at"),
            "email", List.of("email", "email_verified"),
            "address", List.of("address"),
            "phone", List.of("phone_number", "phone_number_verified"));

    private ScopeClaims() {
    }

    /** The user's claims that the granted scopes release, in the user's order; absent claims stay absent. */
    public static Map<String, Object> released(Map<String, Object> userClaims, Collection<String> scopes) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> claim : userClaims.entrySet()) {
            for (String scope : scopes) {
                if (CLAIMS.getOrDefault(scope, List.of()).contains(claim.getKey())) {
                    out.put(claim.getKey(), claim.getValue());
                    break;
                }
            }
        }
        return out;
    }
}
