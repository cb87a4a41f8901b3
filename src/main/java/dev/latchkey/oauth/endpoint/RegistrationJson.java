package dev.latchkey.oauth.endpoint;

import dev.latchkey.client.Client;
import dev.latchkey.http.api.ClientsJson;
import dev.latchkey.manage.DynamicRegistration.Registered;
import dev.latchkey.oauth.WorkspaceContext;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cloudentity's {@code DynamicClientRegistrationResponse} (RFC 7591 §3.2.1, RFC 7592 §3): the client as the Admin
 * API shows it ({@link ClientsJson}), cut down to the fields of that response (no tenant, workspace, status,
 * rotated secrets or administrator-only settings), with {@code client_secret} only for a client that authenticates
 * with one, {@code dynamically_registered} true, and {@code registration_access_token}, {@code
 * registration_access_token_expires_in} (seconds; 0: never expires) and {@code registration_client_uri}.
 * Thread-safe.
 */
public final class RegistrationJson {

    private static final Set<String> FIELDS = Set.of("app_url", "application_type", "application_types", "audience",
            "authorization_details_types", "authorization_encrypted_response_alg",
            "authorization_encrypted_response_enc", "authorization_signed_response_alg",
            "backchannel_authentication_request_signing_alg", "backchannel_client_notification_endpoint",
            "backchannel_logout_session_required", "backchannel_logout_uri", "backchannel_token_delivery_mode",
            "backchannel_user_code_parameter", "certificate", "client_id", "client_id_issued_at", "client_name",
            "client_secret", "client_secret_expires_at", "client_uri", "created_at", "default_acr_values",
            "description", "dpop_bound_access_tokens", "grant_types", "id_token_encrypted_response_alg",
            "id_token_encrypted_response_enc", "id_token_signed_response_alg", "introspection_endpoint_auth_method",
            "jwks", "jwks_uri", "logo_uri", "organisation_id", "policy_uri", "post_logout_redirect_uris", "privacy",
            "redirect_uris", "request_object_encryption_alg", "request_object_encryption_enc",
            "request_object_signing_alg", "request_uris", "require_pushed_authorization_requests", "response_types",
            "revocation_endpoint_auth_method", "scope", "scopes", "sector_identifier_uri", "subject_type",
            "tls_client_auth_san_dns", "tls_client_auth_san_email", "tls_client_auth_san_ip",
            "tls_client_auth_san_uri", "tls_client_auth_subject_dn", "tls_client_certificate_bound_access_tokens",
            "token_endpoint_auth_method", "token_endpoint_auth_signing_alg", "token_exchange", "tos_uri",
            "updated_at", "userinfo_signed_response_alg");
    /** Methods that authenticate without the client secret: the secret is not handed out. */
    private static final Set<String> NO_SECRET = Set.of("none", "private_key_jwt", "tls_client_auth",
            "self_signed_tls_client_auth");

    private final ClientsJson clients;
    private final Clock clock;

    public RegistrationJson(ClientsJson clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    public Map<String, Object> body(WorkspaceContext workspace, Registered registered) {
        Client client = registered.client();
        Map<String, Object> body = new TreeMap<>(clients.body(client));
        body.keySet().retainAll(FIELDS);
        if (NO_SECRET.contains(client.tokenEndpointAuthMethod())) {
            body.remove("client_secret");
            body.put("client_secret_expires_at", 0);
        }
        body.put("dynamically_registered", true);
        body.put("registration_access_token", registered.registrationToken());
        long left = registered.tokenExpiresAt() == null ? 0
                : Duration.between(clock.instant(), registered.tokenExpiresAt()).toMillis();
        body.put("registration_access_token_expires_in", registered.tokenExpiresAt() == null ? 0
                : Math.max(1, (left + 999) / 1000)); // seconds, rounded up
        body.put("registration_client_uri", workspace.issuer() + "/oauth2/register/" + client.clientId());
        return body;
    }
}
