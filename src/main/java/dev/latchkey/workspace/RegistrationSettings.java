package dev.latchkey.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.support.GoDuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace's {@code dynamic_client_registration} settings (admin.yaml {@code DynamicClientRegistrationSettings})
 * that Latchkey applies: {@code enabled}, {@code initial_access_token.required}, {@code default_scopes},
 * {@code registration_access_token_ttl} (default 720h0m0s, at least 24h), {@code
 * disable_registration_access_token_expiry} and {@code disable_registration_token_rotation}. Registration is never
 * available in a tenant's {@code admin} and {@code system} workspaces, whatever their settings: a client of those
 * can call the management APIs. Immutable.
 */
public record RegistrationSettings(boolean enabled, boolean initialAccessTokenRequired, List<String> defaultScopes,
                                   Duration tokenTtl, boolean tokenRotation) {

    /** The scopes a client gets when it asks for none and the workspace names no {@code default_scopes}. */
    public static final List<String> DEFAULT_SCOPES = List.of("openid", "address", "email", "phone", "profile");
    private static final Duration DEFAULT_TTL = Duration.ofHours(720);
    private static final Duration MIN_TTL = Duration.ofHours(24);

    /** {@code tokenTtl} is null when registration access tokens do not expire. */
    public static RegistrationSettings of(Workspace workspace) {
        JsonNode dcr = workspace.dynamicClientRegistration();
        if (dcr == null || !dcr.isObject()) {
            return new RegistrationSettings(false, false, DEFAULT_SCOPES, DEFAULT_TTL, true);
        }
        boolean management = workspace.id().equals("admin") || workspace.id().equals("system");
        List<String> scopes = new ArrayList<>();
        dcr.path("default_scopes").forEach(s -> {
            if (s.isTextual() && !s.textValue().isEmpty()) {
                scopes.add(s.textValue());
            }
        });
        Duration ttl = dcr.path("disable_registration_access_token_expiry").asBoolean(false) ? null
                : ttl(dcr.path("registration_access_token_ttl").asText(""));
        return new RegistrationSettings(!management && dcr.path("enabled").asBoolean(false),
                dcr.path("initial_access_token").path("required").asBoolean(false),
                scopes.isEmpty() ? DEFAULT_SCOPES : List.copyOf(scopes), ttl,
                !dcr.path("disable_registration_token_rotation").asBoolean(false));
    }

    private static Duration ttl(String value) {
        if (value.isEmpty()) {
            return DEFAULT_TTL;
        }
        try {
            Duration ttl = GoDuration.parse(value);
            return ttl.compareTo(MIN_TTL) < 0 ? MIN_TTL : ttl;
        } catch (IllegalArgumentException e) {
            return DEFAULT_TTL;
        }
    }
}
