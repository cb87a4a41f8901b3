package dev.latchkey.http.api;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientDefaults;
import dev.latchkey.client.RotatedSecret;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cloudentity's {@code ClientAdminResponse} for an application: the stored fields as they were sent, the
 * modeled ones, and the computed ones ({@code client_id_issued_at}, {@code application_types},
 * {@code server_issuer_url}, ...), in alphabetical order as Cloudentity writes them. It carries what the
 * console's application "Overview" shows: {@code client_id}, {@code client_secret} (admins see it), and
 * {@code server_issuer_url}, the workspace's issuer, whose discovery document names the token endpoint
 * ({@code server_issuer_url + "/oauth2/token"}). Rotated secrets still accepted are listed; expired ones are
 * not. Thread-safe.
 */
public final class ClientsJson {

    private final String baseUrl;
    private final Clock clock;

    public ClientsJson(String baseUrl, Clock clock) {
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    public Map<String, Object> body(Client c) {
        Instant now = clock.instant();
        Map<String, Object> body = new TreeMap<>();
        c.extra().properties().forEach(e -> body.put(e.getKey(), e.getValue()));
        body.put("client_id", c.clientId());
        body.put("tenant_id", c.tenantId());
        body.put("authorization_server_id", c.authorizationServerId());
        body.put("client_name", c.clientName());
        body.put("description", c.description());
        body.put("client_secret", c.clientSecret() == null ? "" : c.clientSecret());
        body.put("rotated_secrets", c.liveRotatedSecrets(now).stream().map(RotatedSecret::secret).toList());
        body.put("client_secret_expires_at", c.clientSecretExpiresAt());
        body.put("client_id_issued_at", c.createdAt().getEpochSecond());
        body.put("created_at", c.createdAt());
        body.put("updated_at", c.updatedAt());
        body.put("grant_types", c.grantTypes());
        body.put("response_types", c.responseTypes());
        body.put("redirect_uris", c.redirectUris());
        body.put("scopes", c.scopes());
        body.put("scope", String.join(" ", c.scopes()));
        body.put("token_endpoint_auth_method", c.tokenEndpointAuthMethod());
        body.put("application_type", c.applicationType());
        body.put("application_types", c.applicationTypes());
        body.put("client_type", c.clientType());
        body.put("client_status", c.disabled() ? "inactive" : "active");
        body.put("system", c.system());
        body.put("dynamically_registered", c.applicationTypes().contains("dcr"));
        body.put("server_issuer_url", baseUrl + "/" + c.tenantId() + "/" + c.authorizationServerId());
        body.putIfAbsent("audience", List.of(c.clientId()));
        ClientDefaults.STORED.forEach(body::putIfAbsent); // applications not written through this API
        return body;
    }
}
