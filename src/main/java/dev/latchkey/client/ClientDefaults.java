package dev.latchkey.client;

import java.util.Map;

/**
 * Defaults of Cloudentity's client fields that Latchkey stores as given rather than models (admin.yaml
 * {@code CreateClientAdminRequest}): filled in when an application is written through the Admin API, and
 * shown for applications written otherwise (the bootstrap's, a workspace's demo application).
 */
public final class ClientDefaults {

    public static final Map<String, String> STORED = Map.of(
            "client_type", "oauth2",
            "introspection_endpoint_auth_method", "client_secret_basic",
            "revocation_endpoint_auth_method", "client_secret_basic",
            "request_object_signing_alg", "any",
            "subject_type", "public",
            "token_endpoint_auth_signing_alg", "ES256",
            "userinfo_signed_response_alg", "none");

    private ClientDefaults() {
    }
}
