package dev.latchkey.manage;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A create or update request for an application, after {@link ClientAdminFields} checked every field's type:
 * the fields Latchkey gives a meaning, each null when the request left it out, and {@code extra}, the other
 * fields of Cloudentity's client exactly as sent. Immutable apart from {@code extra}, which is not shared.
 */
public record ClientAdminRequest(String clientId, String tenantId, String authorizationServerId,
                                 String clientName, String description, String clientSecret,
                                 List<String> grantTypes, List<String> responseTypes, List<String> redirectUris,
                                 String scope, List<String> scopes, String tokenEndpointAuthMethod,
                                 String applicationType, Boolean system, String clientStatus,
                                 Long clientSecretExpiresAt, List<String> rotatedSecrets, ObjectNode extra) {

    /** Checks every field of a JSON object body; a 400 names the first bad field. */
    public static ClientAdminRequest of(ObjectNode body) {
        return ClientAdminFields.read(body);
    }
}
