package dev.latchkey.http;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.client.Client;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.latchkey.testing.TestServer.SYSTEM_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Caller authentication of the management APIs (design §2), through {@code GET /api/admin/{tid}/tenant}:
 * 401 for no, malformed, forged or expired tokens; 403 for a good token of the wrong tenant or workspace.
 */
class ApiCallerAuthTest {

    private static final String TENANT = "/api/admin/default/tenant";

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
    void adminTokenReadsItsTenant() {
        HttpResponse<String> response = server.get(TENANT, "Authorization", "Bearer " + server.adminToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/json"));
        assertThat(TestServer.json(response)).isEqualTo(Map.of("id", "default", "name", "Default",
                "url", server.baseUrl() + "/default"));
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        // RFC 7235 §2.1: the auth-scheme is case-insensitive
        HttpResponse<String> response = server.get(TENANT, "Authorization", "bearer " + server.adminToken());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void noAuthorizationHeaderIs401() {
        HttpResponse<String> response = server.get(TENANT);

        assertApiError(response, 401);
        assertThat(TestServer.json(response)).containsEntry("error_code", "unauthorized");
    }

    @Test
    void otherSchemesAndEmptyBearerAre401() {
        for (String header : List.of("Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes()),
                "Bearer", "Token abc", server.adminToken())) {
            HttpResponse<String> response = server.get(TENANT, "Authorization", header);
            assertApiError(response, 401);
            assertThat(TestServer.json(response)).as(header).containsEntry("error_code", "unauthorized");
        }
    }

    @Test
    void garbageTokenIs401() {
        for (String token : List.of("garbage", "a.b.c", "eyJhbGciOiJFUzI1NiJ9.e30.", "...")) {
            HttpResponse<String> response = server.get(TENANT, "Authorization", "Bearer " + token);
            assertApiError(response, 401);
            assertThat(TestServer.json(response)).as(token).containsEntry("error_code", "unauthorized");
        }
    }

    @Test
    void tokenWithAFlippedSignatureByteIs401() throws Exception {
        SignedJWT real = SignedJWT.parse(server.adminToken());
        byte[] signature = real.getSignature().decode();
        signature[signature.length / 2] ^= 0x01;
        Base64URL[] parts = real.getParsedParts();
        String tampered = parts[0] + "." + parts[1] + "." + Base64URL.encode(signature);

        HttpResponse<String> response = server.get(TENANT, "Authorization", "Bearer " + tampered);

        assertApiError(response, 401);
        assertThat(TestServer.json(response)).containsEntry("error_code", "unauthorized");
        // the untouched token still works: the failure was the signature
        assertThat(server.get(TENANT, "Authorization", "Bearer " + real.serialize()).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenWithTamperedClaimsIs401() throws Exception {
        SignedJWT real = SignedJWT.parse(server.adminToken());
        JWTClaimsSet widened = new JWTClaimsSet.Builder(real.getJWTClaimsSet())
                .claim("scp", List.of("introspect_tokens", "revoke_tokens", "manage_tenants")).build();
        Base64URL[] parts = real.getParsedParts();
        String tampered = parts[0] + "." + Base64URL.encode(widened.toString()) + "." + parts[2];

        assertApiError(server.get(TENANT, "Authorization", "Bearer " + tampered), 401);
    }

    @Test
    void tokenSignedByAnUnknownKeyIs401() throws Exception {
        SignedJWT real = SignedJWT.parse(server.adminToken());
        JWTClaimsSet claims = real.getJWTClaimsSet();
        String realKid = real.getHeader().getKeyID();

        // same claims, same kid as a real key of the workspace, but another private key
        ECKey sameKid = new ECKeyGenerator(Curve.P_256).keyID(realKid).generate();
        // and with a kid the server has never seen
        ECKey otherKid = new ECKeyGenerator(Curve.P_256).keyID("99999999999999999999999").generate();
        for (ECKey key : List.of(sameKid, otherKid)) {
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            forged.sign(new ECDSASigner(key));

            HttpResponse<String> response = server.get(TENANT, "Authorization", "Bearer " + forged.serialize());
            assertApiError(response, 401);
            assertThat(TestServer.json(response)).as(key.getKeyID()).containsEntry("error_code", "unauthorized");
        }
    }

    @Test
    void unsignedTokenIs401() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(server.adminToken()).getJWTClaimsSet();
        String none = new PlainJWT(claims).serialize();

        assertApiError(server.get(TENANT, "Authorization", "Bearer " + none), 401);
    }

    @Test
    void expiredTokenIs401TokenExpired() {
        String token = server.adminToken();
        assertThat(server.get(TENANT, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

        server.clock.advance(Duration.ofHours(2));

        HttpResponse<String> response = server.get(TENANT, "Authorization", "Bearer " + token);
        assertApiError(response, 401);
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsEntry("error_code", "token_expired");
        assertThat((String) body.get("error")).containsIgnoringCase("expired");

        // a token issued now (by the advanced clock) is fine
        assertThat(server.get(TENANT, "Authorization", "Bearer " + server.adminToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenExpiresExactlyAtExp() throws Exception {
        String token = server.adminToken();
        Instant exp = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
        Duration untilOneSecondBefore = Duration.between(server.clock.instant(), exp.minusSeconds(1));
        server.clock.advance(untilOneSecondBefore);
        assertThat(server.get(TENANT, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

        server.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> response = server.get(TENANT, "Authorization", "Bearer " + token);
        assertApiError(response, 401);
        assertThat(TestServer.json(response)).containsEntry("error_code", "token_expired");
    }

    @Test
    void tokenOfAnotherTenantIs403() {
        HttpResponse<String> response = server.get("/api/admin/system/tenant", "Authorization",
                "Bearer " + server.adminToken());

        assertApiError(response, 403);
        assertThat(TestServer.json(response)).containsEntry("error_code", "forbidden");
        // and of a tenant that does not exist: still 403, nothing is revealed about it
        assertApiError(server.get("/api/admin/nosuchtenant/tenant", "Authorization", "Bearer " + server.adminToken()),
                403);
    }

    @Test
    void tokenOfANonAdminWorkspaceIs403() {
        server.server().parts().clients().insert(Client.service("default", "system", "sysclient1", "x",
                "secret-sysclient1-0123456789abcdef", List.of(), false, Instant.now()));
        String systemToken = server.token("/default/system/oauth2/token", "sysclient1",
                "secret-sysclient1-0123456789abcdef", null);

        HttpResponse<String> response = server.get(TENANT, "Authorization", "Bearer " + systemToken);

        assertApiError(response, 403);
        assertThat(TestServer.json(response)).containsEntry("error_code", "forbidden");
    }

    @Test
    void systemTenantsSystemTokenIsNotAnAdminToken() {
        String token = server.token("/system/system/oauth2/token", "system", SYSTEM_CLIENT_SECRET, null);
        // right tenant, wrong workspace
        assertApiError(server.get("/api/admin/system/tenant", "Authorization", "Bearer " + token), 403);
        // wrong tenant and workspace
        assertApiError(server.get(TENANT, "Authorization", "Bearer " + token), 403);
    }

    @Test
    void unknownApiPathIs404InManagementFormat() {
        HttpResponse<String> response = server.get("/api/admin/default/nosuchthing", "Authorization",
                "Bearer " + server.adminToken());
        assertApiError(response, 404);
        assertThat(TestServer.json(response)).containsEntry("error_code", "not_found");

        assertApiError(server.get("/api/nosuchapi"), 404);
    }

    @Test
    void unknownNonApiPathIs404InOAuthFormat() {
        for (String path : List.of("/nosuchpath", "/default/admin/oauth2/nosuchendpoint", "/apix/admin/default/tenant")) {
            HttpResponse<String> response = server.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            Map<String, Object> body = TestServer.json(response);
            assertThat(body).as(path).containsOnlyKeys("error", "error_description", "error_hint", "status_code")
                    .containsEntry("error", "not_found").containsEntry("status_code", 404);
        }
    }

    @Test
    void oversizedBodyOnTheApiIs413InManagementFormat() {
        HttpRequest request = HttpRequest.newBuilder(server.uri(TENANT)).expectContinue(true)
                .header("Content-Type", "application/json")
                .method("POST", HttpRequest.BodyPublishers.ofString("x".repeat(1_100_000)))
                .build();
        HttpResponse<String> response = server.send(request);

        assertApiError(response, 413);
    }

    /** Cloudentity's management error JSON: {"status_code", "error", "error_code", "details": {}}. */
    private static void assertApiError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                assertThat(v).startsWith("application/json"));
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsOnlyKeys("status_code", "error", "error_code", "details")
                .containsEntry("status_code", status).containsEntry("details", Map.of());
        assertThat(body.get("error")).isInstanceOf(String.class).asString().isNotBlank();
        assertThat(body.get("error_code")).isInstanceOf(String.class).asString().isNotBlank();
    }
}
