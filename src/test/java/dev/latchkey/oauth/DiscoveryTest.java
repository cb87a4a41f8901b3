package dev.latchkey.oauth;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata documents (RFC 8414, OIDC Discovery) advertise the introspection, revocation and userinfo
 * endpoints, with the client authentication methods of the token endpoint, and follow the workspace's
 * settings.
 */
class DiscoveryTest {

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
    @SuppressWarnings("unchecked")
    void bothDocumentsListTheEndpointsOfThisWorkspace() throws Exception {
        String issuer = server.baseUrl() + "/default/default";
        for (String doc : new String[] {"openid-configuration", "oauth-authorization-server"}) {
            HttpResponse<String> response = server.get("/default/default/.well-known/" + doc);
            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> meta = TestServer.json(response);

            assertThat(meta).containsEntry("issuer", issuer)
                    .containsEntry("token_endpoint", issuer + "/oauth2/token")
                    .containsEntry("jwks_uri", issuer + "/.well-known/jwks.json")
                    .containsEntry("introspection_endpoint", issuer + "/oauth2/introspect")
                    .containsEntry("revocation_endpoint", issuer + "/oauth2/revoke")
                    .containsEntry("userinfo_endpoint", issuer + "/userinfo");
            assertThat(meta.get("introspection_endpoint_auth_methods_supported"))
                    .isEqualTo(meta.get("token_endpoint_auth_methods_supported"))
                    .isEqualTo(List.of("client_secret_basic", "client_secret_post", "client_secret_jwt",
                            "private_key_jwt", "self_signed_tls_client_auth", "tls_client_auth", "none"));
            for (String endpoint : new String[] {"token", "introspection", "revocation"}) {
                assertThat((List<Object>) meta.get(endpoint + "_endpoint_auth_signing_alg_values_supported"))
                        .as(endpoint).contains("HS256", "RS256", "PS256", "ES256").doesNotContain("none");
            }
            assertThat(meta.get("revocation_endpoint_auth_methods_supported"))
                    .isEqualTo(meta.get("token_endpoint_auth_methods_supported"));
            assertThat((List<Object>) meta.get("grant_types_supported")).contains("client_credentials");
            assertThat((List<Object>) meta.get("scopes_supported")).contains("openid", "introspect_tokens");

            AuthorizationServerMetadata parsed = AuthorizationServerMetadata.parse(response.body());
            assertThat(parsed.getIntrospectionEndpointURI()).isEqualTo(URI.create(issuer + "/oauth2/introspect"));
            assertThat(parsed.getRevocationEndpointURI()).isEqualTo(URI.create(issuer + "/oauth2/revoke"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAuthMethodsFollowTheWorkspaceSettings() {
        new OAuthFixtures(server).workspace("disco-methods", "jwt");
        String token = server.adminToken();
        String path = "/api/admin/default/servers/disco-methods";
        Map<String, Object> body = TestServer.json(server.get(path, "Authorization", "Bearer " + token));
        body.put("token_endpoint_auth_methods", List.of("client_secret_post", "private_key_jwt"));
        body.put("token_endpoint_authn_methods", List.of("client_secret_post", "private_key_jwt"));
        HttpResponse<String> updated = server.send(HttpRequest.newBuilder(server.uri(path))
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);

        Map<String, Object> meta = TestServer.json(server.get("/default/disco-methods/.well-known/openid-configuration"));

        for (String key : new String[] {"token_endpoint_auth_methods_supported",
                "introspection_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported"}) {
            assertThat(meta.get(key)).as(key).isEqualTo(List.of("client_secret_post", "private_key_jwt"));
        }
        for (String endpoint : new String[] {"token", "introspection", "revocation"}) {
            assertThat((List<Object>) meta.get(endpoint + "_endpoint_auth_signing_alg_values_supported"))
                    .as(endpoint).contains("RS256", "ES256").doesNotContain("HS256");
        }
    }
}
