package dev.latchkey.http.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP and database helpers of the workspaces API tests (ServersApiTest*). */
final class ServersApiTestHttp {

    static final String SERVERS = "/api/admin/default/servers";

    /**
     * The seed document's "Create Authorization Server" body, verbatim but for its placeholders:
     * {@code tenant_id}, {@code id}, {@code profile}, {@code name}, {@code secret} and the salt.
     */
    static final String SEED_BODY = """
            {
                "tenant_id": "default",
                "id": "%s",
                "profile": "demo",
                "name": "Seed workspace",
                "type": "regular",
                "color": "#EC5348",
                "secret": "0123456789abcdefghijklmnopqrstuvwxyz",
                "rotated_secrets": [],
                "access_token_strategy": "jwt",
                "key_type": "ecdsa",
                "logo_uri": "",
                "issuer_url": "",
                "dynamic_client_registration": {
                    "enabled": false,
                    "initial_access_token": {
                        "required": false
                    },
                    "payload": {
                        "format": "json",
                        "jws_payload": {
                            "jwks": {
                                "keys": null
                            },
                            "jwks_uri": ""
                        }
                    }
                },
                "grant_types": [
                    "client_credentials",
                    "authorization_code"
                ],
                "token_endpoint_authn_methods": [
                    "none",
                    "client_secret_basic",
                    "client_secret_post",
                    "client_secret_jwt",
                    "private_key_jwt",
                    "tls_client_auth",
                    "self_signed_tls_client_auth"
                ],
                "access_token_ttl": "1h0m0s",
                "refresh_token_ttl": "720h0m0s",
                "authorization_code_ttl": "10m0s",
                "id_token_ttl": "1h0m0s",
                "cookie_max_age": "1h0m0s",
                "jwks": {
                    "keys": [ ]
                },
                "enforce_pkce": false,
                "enforce_pkce_for_public_clients": false,
                "root_cas": "",
                "read_client_certificate_from_header": true,
                "client_certificate_header": "X-SSL-CERT",
                "subject_identifier_types": [
                    "public",
                    "pairwise"
                ],
                "subject_identifier_algorithm_salt": "seed-salt-0123456789",
                "enable_trust_anchor": false,
                "trust_anchor_configuration": {
                    "jwks": {
                        "keys": null
                    },
                    "jwks_uri": ""
                },
                "enable_quick_access": false,
                "enable_idp_discovery": false,
                "enable_legacy_clients_with_no_software_statement": false,
                "dynamic_scope_separator": ".",
                "backchannel_token_delivery_modes_supported": null,
                "backchannel_user_code_parameter_supported": false
            }""";

    /** The top-level fields of the seed's "Expected Response Body". */
    static final List<String> SEED_RESPONSE_FIELDS = List.of("tenant_id", "id", "profile", "name", "type", "color",
            "secret", "rotated_secrets", "access_token_strategy", "key_type", "logo_uri", "issuer_url",
            "dynamic_client_registration", "grant_types", "token_endpoint_authn_methods", "access_token_ttl",
            "refresh_token_ttl", "authorization_code_ttl", "id_token_ttl", "cookie_max_age", "jwks", "enforce_pkce",
            "enforce_pkce_for_public_clients", "root_cas", "read_client_certificate_from_header",
            "client_certificate_header", "subject_identifier_types", "subject_identifier_algorithm_salt",
            "enable_trust_anchor", "trust_anchor_configuration", "enable_quick_access", "enable_idp_discovery",
            "enable_legacy_clients_with_no_software_statement", "dynamic_scope_separator",
            "backchannel_token_delivery_modes_supported", "backchannel_user_code_parameter_supported");

    private final TestServer server;

    ServersApiTestHttp(TestServer server) {
        this.server = server;
    }

    HttpResponse<String> get(String path, String token, String... headers) {
        return send(HttpRequest.newBuilder(server.uri(path)).GET(), token, headers);
    }

    HttpResponse<String> post(String path, String token, String body, String... headers) {
        return send(HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), token, headers);
    }

    HttpResponse<String> put(String path, String token, String body, String... headers) {
        return send(HttpRequest.newBuilder(server.uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), token, headers);
    }

    HttpResponse<String> delete(String path, String token, String... headers) {
        return send(HttpRequest.newBuilder(server.uri(path)).DELETE(), token, headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String token, String... headers) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return server.send(b.build());
    }

    /** Creates a workspace from {@code body}; fails unless 201. */
    Map<String, Object> create(String body) {
        HttpResponse<String> response = post(SERVERS, server.adminToken(), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    Map<String, Object> getServer(String id) {
        HttpResponse<String> response = get(SERVERS + "/" + id, server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    static Map<String, Object> json(String body) {
        try {
            return Json.MAPPER.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(Object value) {
        return Json.write(value);
    }

    Jdbi jdbi() {
        return server.server().database().jdbi();
    }

    /** Everything a failed request must leave as it was: every workspace document and the audit log. */
    String snapshot() {
        return jdbi().withHandle(h -> h.createQuery("SELECT tenant_id, id, doc FROM workspaces ORDER BY tenant_id, id")
                .mapToMap().list().toString()
                + h.createQuery("SELECT COUNT(*) FROM audit_events WHERE object_type = 'server'").mapTo(Long.class).one()
                + h.createQuery("SELECT COUNT(*) FROM workspace_keys").mapTo(Long.class).one()
                + h.createQuery("SELECT COUNT(*) FROM clients").mapTo(Long.class).one()
                + h.createQuery("SELECT COUNT(*) FROM scopes").mapTo(Long.class).one());
    }

    /** Audit events recorded about workspace {@code id}. */
    List<Map<String, Object>> auditEvents(String id) {
        return jdbi().withHandle(h -> h.createQuery(
                        "SELECT action, object_type, object_id FROM audit_events WHERE object_type = 'server' "
                                + "AND object_id = :id ORDER BY created_at")
                .bind("id", id).mapToMap().list());
    }

    /** Asserts a Cloudentity error body with {@code status}, mentioning {@code text} if not null. */
    static void assertError(HttpResponse<String> response, int status, String text) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Map<String, Object> body = json(response.body());
        assertThat(body).containsKeys("status_code", "error", "error_code", "details");
        assertThat(body.get("status_code")).isEqualTo(status);
        if (text != null) {
            assertThat(response.body()).contains(text);
        }
    }
}
