package dev.latchkey.manage;

import dev.latchkey.idp.IdpParts;
import dev.latchkey.idp.StaticIdp;
import dev.latchkey.idp.StaticUser;
import dev.latchkey.support.ApiException;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a static IDP must meet before it is stored; every failure is a 400 naming the field. Ids are
 * 1-64 letters, digits, {@code -}, {@code _} or {@code .}; the tenant and workspace in the body, when
 * given, must be those of the path; a user needs a username (unique within the IDP) and a password.
 */
final class IdpValidation {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_NAME = 255;

    private IdpValidation() {
    }

    /** Checks {@code body} and returns it with its identity filled in ({@code id} generated when absent). */
    static StaticIdp check(StaticIdp body, String tenantId, String workspaceId, String pathId, String generatedId) {
        if (!StaticIdp.METHOD.equals(body.method())) {
            throw invalid("method", "method must be \"static\" on this endpoint");
        }
        String id = blank(body.id()) ? (pathId != null ? pathId : generatedId) : body.id();
        if (!ID.matcher(id).matches()) {
            throw invalid("id", "id must be 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit");
        }
        if (pathId != null && !pathId.equals(id)) {
            throw invalid("id", "id does not match the IDP of the path");
        }
        matchesPath("tenant_id", body.tenantId(), tenantId);
        matchesPath("authorization_server_id", body.authorizationServerId(), workspaceId);
        matchesPath("workspace_id", body.workspaceId(), workspaceId);
        if (blank(body.name()) || body.name().length() > MAX_NAME) {
            throw invalid("name", "name is required (at most " + MAX_NAME + " characters)");
        }
        checkMappings(body.mappings());
        checkAttributes(body.attributes());
        checkUsers(body.users());
        return body.withIdentity(id, tenantId, workspaceId);
    }

    private static void checkMappings(List<IdpParts.Mapping> mappings) {
        for (int i = 0; mappings != null && i < mappings.size(); i++) {
            IdpParts.Mapping m = mappings.get(i);
            String field = "mappings[" + i + "]";
            if (m == null || blank(m.target())) {
                throw invalid(field + ".target", "a mapping needs a target");
            }
            if (m.type() == null || !IdpParts.MAPPING_TYPES.contains(m.type())) {
                throw invalid(field + ".type", "a mapping's type must be one of " + IdpParts.MAPPING_TYPES);
            }
        }
    }

    private static void checkAttributes(List<IdpParts.Attribute> attributes) {
        for (int i = 0; attributes != null && i < attributes.size(); i++) {
            IdpParts.Attribute a = attributes.get(i);
            String field = "attributes[" + i + "]";
            if (a == null || blank(a.name())) {
                throw invalid(field + ".name", "an attribute needs a name");
            }
            if (a.type() != null && !a.type().isEmpty() && !IdpParts.ATTRIBUTE_TYPES.contains(a.type())) {
                throw invalid(field + ".type", "an attribute's type must be one of " + IdpParts.ATTRIBUTE_TYPES);
            }
        }
    }

    private static void checkUsers(List<StaticUser> users) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            StaticUser user = users.get(i);
            String field = "credentials.users[" + i + "]";
            if (user == null || blank(user.username())) {
                throw invalid(field + ".username", "a user needs a username");
            }
            if (user.password() == null || user.password().isEmpty()) {
                throw invalid(field + ".password", "a user needs a password");
            }
            if (!seen.add(user.username())) {
                throw invalid(field + ".username", "usernames must be unique within the IDP");
            }
        }
    }

    private static void matchesPath(String field, String given, String expected) {
        if (!blank(given) && !given.equals(expected)) {
            throw invalid(field, field + " does not match the path");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(400, "bad_request", "The request body is invalid: " + message,
                Map.of("field", field));
    }
}
