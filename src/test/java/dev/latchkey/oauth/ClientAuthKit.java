package dev.latchkey.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client authentication tests share: workspaces and clients made through the Admin API, client
 * assertions signed with Nimbus, client_credentials requests and the checks of their answers.
 */
final class ClientAuthKit {

    static final String CC = "grant_type=client_credentials";
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final TestServer server;

    ClientAuthKit(TestServer server) {
        this.server = server;
    }

    /** Creates workspace {@code default/<id>} with the given settings over the defaults. */
    void createWorkspace(String id, Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", "default");
        body.put("id", id);
        body.put("name", id);
        body.putAll(settings);
        HttpResponse<String> response = adminSend("POST", "/api/admin/default/servers", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** Changes settings of workspace {@code default/<id>} (a read, then a PUT of the whole). */
    void updateWorkspace(String id, Map<String, Object> settings) {
        HttpResponse<String> current = server.get("/api/admin/default/servers/" + id, "Authorization",
                "Bearer " + server.adminToken());
        Map<String, Object> body = TestServer.json(current);
        body.putAll(settings);
        if (settings.containsKey("token_endpoint_auth_methods")) {
            body.put("token_endpoint_authn_methods", settings.get("token_endpoint_auth_methods"));
        }
        HttpResponse<String> response = adminSend("PUT", "/api/admin/default/servers/" + id, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Creates a client_credentials client in {@code default/<workspace>}; returns the API's view of it. */
    Map<String, Object> createClient(String workspace, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", "default");
        body.put("authorization_server_id", workspace);
        body.put("client_name", "client auth test");
        body.put("grant_types", java.util.List.of("client_credentials"));
        body.putAll(fields);
        HttpResponse<String> response = adminSend("POST", "/api/admin/default/clients", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestServer.json(response);
    }

    HttpResponse<String> adminSend(String method, String path, Object body) {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", "application/json").build());
    }

    static String tokenPath(String workspace) {
        return "/default/" + workspace + "/oauth2/token";
    }

    String issuer(String workspace) {
        return server.baseUrl() + "/default/" + workspace;
    }

    /** A client_credentials request with a client assertion (and optional extra form text). */
    HttpResponse<String> withAssertion(String workspace, String assertion, String... headers) {
        return withAssertionAnd(workspace, assertion, "", headers);
    }

    /** The same with more form parameters ({@code "&client_id=..."}). */
    HttpResponse<String> withAssertionAnd(String workspace, String assertion, String form, String... headers) {
        return server.postForm(tokenPath(workspace), CC + "&client_assertion_type=" + encode(JWT_BEARER)
                + "&client_assertion=" + encode(assertion) + form, headers);
    }

    /** Assertion claims for {@code clientId}: aud the token endpoint, a fresh jti, 5 minutes of life. */
    JWTClaimsSet.Builder claims(String clientId, String workspace) {
        Instant now = server.clock.instant();
        return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
                .audience(issuer(workspace) + "/oauth2/token").jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    static String sign(JWTClaimsSet claims, JWSAlgorithm alg, String kid, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A 200 with a bearer access token. */
    static void assertToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestServer.json(response)).containsKey("access_token").containsEntry("token_type", "bearer");
    }

    /** An RFC 6749 §5.2 error in JSON, with the status and code given, and never a token. */
    static Map<String, Object> assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/json"));
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsEntry("error", error).doesNotContainKey("access_token");
        return body;
    }
}
