package dev.latchkey.http.api;

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
 * (without and with the demo client) → list → connect a static IDP → update it → get it (bodies shared with
 * {@link ServersApiTestHttp} and {@link IdpsApiTest}); every response
 * carries the fields of the seed's sample responses, and the new workspace is live at once.
 */
class SeedJourneyTest {

    /** Top-level fields of the seed's createStaticIDP "Sample Response". */
    static final String[] IDP_FIELDS = {"id", "tenant_id", "authorization_server_id", "client_id", "name",
            "disabled", "method", "attributes", "mappings", "static_amr", "transformer", "config", "domains",
            "settings", "credentials"};

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
        HttpResponse<String> created = json("POST", "/api/admin/default/servers", token, ServersApiTestHttp.SEED_BODY.formatted("seed-ws"));
        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> ws = TestServer.json(created);
        assertThat(ws).containsKeys(ServersApiTestHttp.SEED_RESPONSE_FIELDS.toArray(String[]::new));
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
                ServersApiTestHttp.SEED_BODY.formatted("seed-demo"));
        assertThat(withDemo.statusCode()).isEqualTo(201);

        // ... and the list shows them
        HttpResponse<String> list = server.get("/api/admin/default/servers", "Authorization", "Bearer " + token);
        assertThat(list.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> servers = (List<Map<String, Object>>) TestServer.json(list).get("servers");
        assertThat(servers).extracting(s -> s.get("id")).contains("seed-ws", "seed-demo");

        // Connect IDP
        HttpResponse<String> idp = json("POST", "/api/admin/default/servers/seed-ws/idps/static", token,
                IdpsApiTest.seedBody("seed-ws", "test-idp"));
        assertThat(idp.statusCode()).isEqualTo(201);
        Map<String, Object> idpBody = TestServer.json(idp);
        assertThat(idpBody).containsKeys(IDP_FIELDS).containsEntry("id", "test-idp")
                .containsEntry("method", "static").containsEntry("authorization_server_id", "seed-ws");

        // Update IDP Configuration (enrich the mock user's authentication context)
        HttpResponse<String> updated = json("PUT", "/api/admin/default/servers/seed-ws/idps/static/test-idp", token,
                IdpsApiTest.seedBody("seed-ws", "test-idp").replace("\"name\": \"user1\"", "\"name\": \"user1\", \"email\": \"un1@example.com\""));
        assertThat(updated.statusCode()).isEqualTo(200);
        HttpResponse<String> fetched = server.get("/api/admin/default/servers/seed-ws/idps/static/test-idp",
                "Authorization", "Bearer " + token);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).contains("un1@example.com");
        assertThat(TestServer.json(fetched)).containsKeys(IDP_FIELDS);

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
