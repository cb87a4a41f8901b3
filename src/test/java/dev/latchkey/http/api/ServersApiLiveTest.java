package dev.latchkey.http.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientQuery;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.latchkey.http.api.ServersApiTestHttp.SERVERS;
import static dev.latchkey.http.api.ServersApiTestHttp.json;
import static dev.latchkey.http.api.ServersApiTestHttp.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workspace is live as soon as it is created, and its settings change the token endpoint at once:
 * discovery, JWKS and tokens of a new workspace (even one the server had looked up as unknown just
 * before), the demo application of {@code with_demo_client}, and updates of {@code access_token_ttl} and
 * {@code grant_types} seen by the very next token request.
 */
class ServersApiLiveTest {

    static TestServer server;
    static ServersApiTestHttp http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new ServersApiTestHttp(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void newWorkspaceServesDiscoveryJwksAndTokensAtOnce() throws Exception {
        // looked up while unknown: the token endpoint caches the absence, which the create must drop
        assertThat(server.get("/default/live/.well-known/openid-configuration").statusCode()).isEqualTo(404);

        HttpResponse<String> created = http.post(SERVERS + "?with_demo_client=true", server.adminToken(),
                "{\"tenant_id\":\"default\",\"id\":\"live\",\"name\":\"Live\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> workspace = json(created.body());
        String issuer = server.baseUrl() + "/default/live";

        HttpResponse<String> discovery = server.get("/default/live/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(discovery)).containsEntry("issuer", issuer)
                .containsEntry("token_endpoint", issuer + "/oauth2/token");

        JWKSet jwks = JWKSet.parse(server.get("/default/live/.well-known/jwks.json").body());
        Map<String, Object> serverJwks = (Map<String, Object>) workspace.get("jwks");
        Set<String> kids = new HashSet<>();
        ((List<Map<String, Object>>) serverJwks.get("keys")).forEach(k -> kids.add((String) k.get("kid")));
        kids.add((String) ((Map<String, Object>) serverJwks.get("next_signing_key")).get("kid"));
        kids.add((String) ((Map<String, Object>) serverJwks.get("next_encryption_key")).get("kid"));
        assertThat(jwks.getKeys()).extracting(k -> k.getKeyID()).containsExactlyInAnyOrderElementsOf(kids);

        Client demo = demoClient("live");
        assertThat(demo.clientName()).isEqualTo("Demo Portal");
        assertThat(demo.grantTypes()).containsExactly("authorization_code", "client_credentials");
        assertThat(demo.redirectUris()).containsExactly(issuer + "/demo/callback");
        assertThat(http.auditEvents("live")).hasSize(1);
        HttpResponse<String> listed = http.get("/api/admin/default/servers/live/clients", server.adminToken());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        List<Map<String, Object>> apps = (List<Map<String, Object>>) json(listed.body()).get("clients");
        assertThat(apps).singleElement().satisfies(app -> assertThat(app)
                .containsEntry("client_id", demo.clientId()).containsEntry("client_name", "Demo Portal")
                .containsEntry("client_secret", demo.clientSecret())
                .containsEntry("grant_types", List.of("authorization_code", "client_credentials")));

        Map<String, Object> token = token("live", demo, 200);
        assertThat(token).containsEntry("expires_in", 3600).containsEntry("token_type", "bearer");
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(jwks)));
        JWTClaimsSet claims = processor.process(SignedJWT.parse((String) token.get("access_token")), null);
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getStringClaim("aid")).isEqualTo("live");
        assertThat(claims.getSubject()).isEqualTo(demo.clientId());
    }

    @Test
    void workspaceWithoutDemoClientHasNoApplications() {
        http.create("{\"tenant_id\":\"default\",\"id\":\"no-demo\"}");
        assertThat(clients("no-demo")).isEmpty();
        HttpResponse<String> explicit = http.post(SERVERS + "?with_demo_client=false", server.adminToken(),
                "{\"tenant_id\":\"default\",\"id\":\"no-demo-2\"}");
        assertThat(explicit.statusCode()).isEqualTo(201);
        assertThat(clients("no-demo-2")).isEmpty();
    }

    @Test
    void updatesChangeTheTokenEndpointAtOnce() {
        http.post(SERVERS + "?with_demo_client=1", server.adminToken(), "{\"tenant_id\":\"default\",\"id\":\"tuned\"}");
        Client demo = demoClient("tuned");
        assertThat(token("tuned", demo, 200)).containsEntry("expires_in", 3600);

        Map<String, Object> body = http.getServer("tuned");
        body.put("access_token_ttl", "10m");
        assertThat(http.put(SERVERS + "/tuned", server.adminToken(), write(body)).statusCode()).isEqualTo(200);
        assertThat(token("tuned", demo, 200)).containsEntry("expires_in", 600);

        body.put("grant_types", List.of("authorization_code", "refresh_token"));
        assertThat(http.put(SERVERS + "/tuned", server.adminToken(), write(body)).statusCode()).isEqualTo(200);
        assertThat(token("tuned", demo, 400)).containsEntry("error", "unsupported_grant_type");

        body.put("grant_types", List.of("client_credentials"));
        assertThat(http.put(SERVERS + "/tuned", server.adminToken(), write(body)).statusCode()).isEqualTo(200);
        assertThat(token("tuned", demo, 200)).containsEntry("expires_in", 600);
    }

    @Test
    @SuppressWarnings("unchecked")
    void authMethodsAndSubjectTypesApplyAtOnce() throws Exception {
        http.post(SERVERS + "?with_demo_client=true", server.adminToken(), "{\"tenant_id\":\"default\",\"id\":\"methods\"}");
        Client demo = demoClient("methods");
        Map<String, Object> body = http.getServer("methods");
        body.put("token_endpoint_auth_methods", List.of("client_secret_basic"));
        body.put("token_endpoint_authn_methods", List.of("client_secret_basic"));
        body.put("subject_identifier_types", List.of("pairwise", "public"));
        assertThat(http.put(SERVERS + "/methods", server.adminToken(), write(body)).statusCode()).isEqualTo(200);

        // client_secret_post is no longer enabled in the workspace
        assertThat(token("methods", demo, 401)).containsEntry("error", "invalid_client");
        String basic = java.util.Base64.getEncoder().encodeToString((demo.clientId() + ":" + demo.clientSecret())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> viaBasic = server.postForm("/default/methods/oauth2/token",
                "grant_type=client_credentials", "Authorization", "Basic " + basic);
        assertThat(viaBasic.statusCode()).as(viaBasic.body()).isEqualTo(200);
        SignedJWT jwt = SignedJWT.parse((String) TestServer.json(viaBasic).get("access_token"));
        assertThat(jwt.getJWTClaimsSet().getStringClaim("st")).isEqualTo("pairwise");

        Map<String, Object> discovery = TestServer.json(server.get("/default/methods/.well-known/openid-configuration"));
        assertThat((List<String>) discovery.get("token_endpoint_auth_methods_supported"))
                .containsExactly("client_secret_basic");
        assertThat((List<String>) discovery.get("subject_types_supported")).containsExactly("pairwise", "public");
    }

    @Test
    void rsaWorkspaceSignsWithRs256() throws Exception {
        http.post(SERVERS + "?with_demo_client=true", server.adminToken(),
                "{\"tenant_id\":\"default\",\"id\":\"rsa-ws\",\"key_type\":\"rsa\"}");
        Map<String, Object> token = token("rsa-ws", demoClient("rsa-ws"), 200);
        assertThat(SignedJWT.parse((String) token.get("access_token")).getHeader().getAlgorithm())
                .isEqualTo(JWSAlgorithm.RS256);
    }

    private static Map<String, Object> token(String workspace, Client client, int status) {
        HttpResponse<String> response = server.postForm("/default/" + workspace + "/oauth2/token",
                "grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret="
                        + client.clientSecret());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return TestServer.json(response);
    }

    private static List<Client> clients(String workspace) {
        return server.server().parts().clients().list(new ClientQuery("default", workspace, null, List.of(),
                List.of(), null, ClientQuery.Sort.NAME, false, null, null, 10));
    }

    private static Client demoClient(String workspace) {
        List<Client> clients = clients(workspace);
        assertThat(clients).hasSize(1);
        return clients.get(0);
    }
}
