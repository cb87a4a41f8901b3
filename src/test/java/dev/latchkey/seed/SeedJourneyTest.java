package dev.latchkey.seed;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed document ("Getting Started with Cloudentity REST APIs") replayed end to end, with its bodies
 * as printed and only the placeholders filled in the way a reader fills them: token → create a workspace
 * (without and with the demo client) → list → connect a static IDP → update it → get it; every response
 * carries the fields of the seed's sample responses, and the new workspace is live at once.
 */
class SeedJourneyTest {

    static final String CREATE_SERVER = """
            {
                "tenant_id": "default",
                "id": "%s",
                "profile": "demo",
                "name": "My new workspace",
                "type": "regular",
                "color": "#EC5348",
                "secret": "a-secret-of-at-least-thirty-two-characters",
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
                "subject_identifier_algorithm_salt": "a-salt-string-of-characters",
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

    /** Top-level fields of the seed's "Expected Response Body" of createAuthorizationServer. */
    static final List<String> SERVER_FIELDS = List.of("tenant_id", "id", "profile", "name", "type", "color",
            "secret", "rotated_secrets", "access_token_strategy", "key_type", "logo_uri", "issuer_url",
            "dynamic_client_registration", "grant_types", "token_endpoint_authn_methods", "access_token_ttl",
            "refresh_token_ttl", "authorization_code_ttl", "id_token_ttl", "cookie_max_age", "jwks", "enforce_pkce",
            "enforce_pkce_for_public_clients", "root_cas", "read_client_certificate_from_header",
            "client_certificate_header", "subject_identifier_types", "subject_identifier_algorithm_salt",
            "enable_trust_anchor", "trust_anchor_configuration", "enable_quick_access", "enable_idp_discovery",
            "enable_legacy_clients_with_no_software_statement", "dynamic_scope_separator",
            "backchannel_token_delivery_modes_supported", "backchannel_user_code_parameter_supported");

    static final String CREATE_IDP = """
            {
                "id": "test-idp",
                "tenant_id": "default",
                "authorization_server_id": "%s",
                "client_id": null,
                "name": "Test",
                "disabled": false,
                "method": "static",
                "attributes": null,
                "mappings": [
                    {
                        "source": ".",
                        "target": ".",
                        "type": "any",
                        "allow_weak_decoding": false
                    }
                ],
                "static_amr": [],
                "transformer": {
                    "enabled": false,
                    "script": ""
                },
                "config": {
                    "enable_stateful_ctx": false,
                    "stateful_ctx_duration": "0s"
                },
                "domains": [],
                "settings": {
                    "hint": false
                },
                "credentials": {
                    "users": [
                        {
                            "username": "un1",
                            "password": "pass1",
                            "authentication_context": {
                                "name": "%s"
                            }
                        }
                    ]
                }
            }""";

    static final List<String> IDP_FIELDS = List.of("id", "tenant_id", "authorization_server_id", "client_id", "name",
            "disabled", "method", "attributes", "mappings", "static_amr", "transformer", "config", "domains",
            "settings", "credentials");

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theSeedDocumentRunsAgainstLatchkey() throws Exception {
        // Acquire Access Token (the seed's curl, unchanged but for the host)
        HttpResponse<String> tokenResponse = server.postForm("/default/admin/oauth2/token",
                "grant_type=client_credentials&client_id=" + TestServer.ADMIN_CLIENT_ID + "&client_secret="
                        + TestServer.ADMIN_CLIENT_SECRET, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(tokenResponse.statusCode()).isEqualTo(200);
        String token = (String) TestServer.json(tokenResponse).get("access_token");

        // Create Authorization Server, without and with the demo client
        HttpResponse<String> created = json("POST", "/api/admin/default/servers", token, CREATE_SERVER.formatted("seed-ws"));
        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> ws = TestServer.json(created);
        assertThat(ws).containsKeys(SERVER_FIELDS.toArray(String[]::new));
        assertThat(ws).containsEntry("id", "seed-ws").containsEntry("tenant_id", "default")
                .containsEntry("access_token_ttl", "1h0m0s").containsEntry("refresh_token_ttl", "720h0m0s");
        @SuppressWarnings("unchecked")
        Map<String, Object> jwks = (Map<String, Object>) ws.get("jwks");
        assertThat(jwks).containsKeys("keys", "next_signing_key", "next_encryption_key", "revoked_signing_keys",
                "revoked_encryption_keys").containsEntry("rotated_keys_limit", 8).containsEntry("revoked_keys_limit", 16);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
        assertThat(keys).extracting(k -> k.get("use")).containsExactlyInAnyOrder("sig", "enc");
        assertThat(keys).allSatisfy(k -> assertThat(k).containsKeys("kid", "kty", "alg", "created_at")
                .doesNotContainKeys("d", "p", "q", "dp", "dq", "qi"));

        HttpResponse<String> withDemo = json("POST", "/api/admin/default/servers?with_demo_client=true", token,
                CREATE_SERVER.formatted("seed-demo"));
        assertThat(withDemo.statusCode()).isEqualTo(201);

        // ... and the list shows them
        HttpResponse<String> list = server.get("/api/admin/default/servers", "Authorization", "Bearer " + token);
        assertThat(list.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> servers = (List<Map<String, Object>>) TestServer.json(list).get("servers");
        assertThat(servers).extracting(s -> s.get("id")).contains("seed-ws", "seed-demo");

        // Connect IDP
        HttpResponse<String> idp = json("POST", "/api/admin/default/servers/seed-ws/idps/static", token,
                CREATE_IDP.formatted("seed-ws", "user1"));
        assertThat(idp.statusCode()).isEqualTo(201);
        Map<String, Object> idpBody = TestServer.json(idp);
        assertThat(idpBody).containsKeys(IDP_FIELDS.toArray(String[]::new)).containsEntry("id", "test-idp")
                .containsEntry("method", "static").containsEntry("authorization_server_id", "seed-ws");

        // Update IDP Configuration (enrich the mock user's authentication context)
        HttpResponse<String> updated = json("PUT", "/api/admin/default/servers/seed-ws/idps/static/test-idp", token,
                CREATE_IDP.formatted("seed-ws", "user1\", \"email\": \"un1@example.com"));
        assertThat(updated.statusCode()).isEqualTo(200);
        HttpResponse<String> fetched = server.get("/api/admin/default/servers/seed-ws/idps/static/test-idp",
                "Authorization", "Bearer " + token);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).contains("un1@example.com");
        assertThat(TestServer.json(fetched)).containsKeys(IDP_FIELDS.toArray(String[]::new));

        // The new workspace is live at once: discovery, JWKS, and tokens for the demo application
        assertThat(server.get("/default/seed-ws/.well-known/openid-configuration").statusCode()).isEqualTo(200);
        JWKSet published = JWKSet.parse(server.get("/default/seed-demo/.well-known/jwks.json").body());
        HttpResponse<String> clients = server.get("/api/admin/default/servers/seed-demo/clients",
                "Authorization", "Bearer " + token);
        assertThat(clients.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> demoClients = (List<Map<String, Object>>) TestServer.json(clients).get("clients");
        Map<String, Object> demo = demoClients.stream().filter(c -> !Boolean.TRUE.equals(c.get("system")))
                .findFirst().orElseThrow();
        HttpResponse<String> demoToken = server.postForm("/default/seed-demo/oauth2/token",
                "grant_type=client_credentials&client_id=" + demo.get("client_id") + "&client_secret="
                        + demo.get("client_secret"));
        assertThat(demoToken.statusCode()).isEqualTo(200);
        SignedJWT jwt = SignedJWT.parse((String) TestServer.json(demoToken).get("access_token"));
        assertThat(published.getKeyByKeyId(jwt.getHeader().getKeyID())).isNotNull();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(server.baseUrl() + "/default/seed-demo");
    }

    HttpResponse<String> json(String method, String path, String token, String body) {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build());
    }
}
