package dev.latchkey.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.idp.IdpParts;
import dev.latchkey.idp.StaticIdp;
import dev.latchkey.idp.StaticUser;
import dev.latchkey.support.Json;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a tenant needs for its console at {@code /app/{tid}/admin}: the console's own OAuth client in the tenant's
 * {@code admin} workspace (public, authorization code with PKCE, redirect {@code {base}/app/{tid}/admin/callback})
 * and the static IDP that holds the administrators.
 */
public final class ConsoleClient {

    /** The console's client id in every tenant's {@code admin} workspace. */
    public static final String CLIENT_ID = "console";
    /** The static IDP of the {@code admin} workspace that holds the console's administrators. */
    public static final String IDP_ID = "administrators";
    /** The administrator's username when none is configured. */
    public static final String DEFAULT_USERNAME = "admin";

    private ConsoleClient() {
    }

    public static String redirectUri(String baseUrl, String tenantId) {
        return baseUrl + "/app/" + tenantId + "/admin/callback";
    }

    /** The console's client of {@code tenantId}'s admin workspace. */
    public static Client client(String tenantId, String baseUrl, Instant now) {
        ObjectNode extra = Json.MAPPER.createObjectNode();
        extra.putArray("application_types").add("single_page");
        extra.putArray("audience").add(CLIENT_ID); // as the Admin API stores it: an export re-imports unchanged
        return new Client(CLIENT_ID, tenantId, "admin", "Admin console", "Latchkey's admin console", "",
                List.of("authorization_code"), List.of("code"), List.of(redirectUri(baseUrl, tenantId)),
                List.of(), "none", "web", true, false, now, List.of(), 0, now, extra);
    }

    /** The administrators' static IDP of {@code tenantId}'s admin workspace, with one administrator. */
    public static StaticIdp administrators(String tenantId, String username, String password) {
        StaticUser admin = new StaticUser(username, password, null, null, null, null,
                Map.of("sub", username, "name", username), null);
        List<IdpParts.Mapping> mappings = List.of(new IdpParts.Mapping(".", ".", "any", null, null, false));
        return new StaticIdp(IDP_ID, tenantId, "admin", null, "Administrators", false, StaticIdp.METHOD, null,
                mappings, null, null, null, null, null, new StaticIdp.Credentials(List.of(admin)), null, false, 0L,
                null, null, null, null, null, null, null, null);
    }
}
