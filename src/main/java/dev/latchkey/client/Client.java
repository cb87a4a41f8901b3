package dev.latchkey.client;

import java.time.Instant;
import java.util.List;

/**
 * An application (OAuth client) of a workspace, in Cloudentity's names. {@code clientSecret} is held in
 * clear here and encrypted at rest by the repository; it is compared in constant time.
 */
public record Client(
        String clientId,
        String tenantId,
        String authorizationServerId,
        String clientName,
        String description,
        String clientSecret,
        List<String> grantTypes,
        List<String> responseTypes,
        List<String> redirectUris,
        List<String> scopes,
        String tokenEndpointAuthMethod,
        String applicationType,
        boolean system,
        boolean disabled,
        Instant createdAt) {

    public Client {
        grantTypes = grantTypes == null ? List.of() : List.copyOf(grantTypes);
        responseTypes = responseTypes == null ? List.of() : List.copyOf(responseTypes);
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }

    public Client withSecret(String newSecret) {
        return new Client(clientId, tenantId, authorizationServerId, clientName, description, newSecret, grantTypes,
                responseTypes, redirectUris, scopes, tokenEndpointAuthMethod, applicationType, system, disabled,
                createdAt);
    }

    public Client withGrantTypes(List<String> newGrantTypes) {
        return new Client(clientId, tenantId, authorizationServerId, clientName, description, clientSecret,
                newGrantTypes, responseTypes, redirectUris, scopes, tokenEndpointAuthMethod, applicationType, system,
                disabled, createdAt);
    }

    /** A confidential service application using client_credentials with the given scopes. */
    public static Client service(String tenantId, String workspaceId, String clientId, String name, String secret,
                                 List<String> scopes, boolean system, Instant now) {
        return new Client(clientId, tenantId, workspaceId, name, "", secret, List.of("client_credentials"),
                List.of(), List.of(), scopes, "client_secret_basic", "service", system, false, now);
    }
}
