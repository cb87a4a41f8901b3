package dev.latchkey.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.latchkey.grant.AuthorizationCode;
import dev.latchkey.grant.Grant;
import dev.latchkey.grant.JdbiAuthorizationCodeRepository;
import dev.latchkey.grant.JdbiGrantRepository;
import dev.latchkey.support.Json;
import dev.latchkey.support.TokenHashes;
import dev.latchkey.testing.TestServer;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixtures of the authorization code and refresh token tests: workspaces and clients created through the
 * Admin API, and, standing in for the authorization endpoint, a user's {@link Grant} and an
 * {@link AuthorizationCode} inserted with the repositories; token requests over HTTP; JWT checks against
 * the published JWKS.
 */
final class UserGrantFixture {

    static final String USER = "user-1";
    static final String SALT = "grants-test-salt-0123456789";
    static final String VERIFIER = "dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk";
    /** {@code BASE64URL(SHA256(ASCII(VERIFIER)))}, computed by hand (RFC 7636 §4.2). */
    static final String CHALLENGE = "ngF5GsXcbwljx6u133FFr3Xht9xooA_DuaX_3QwODtc";

    /** A client as created: id and secret. */
    record TestClient(String id, String secret) {
    }

    private final TestServer server;

    UserGrantFixture(TestServer server) {
        this.server = server;
    }

    /** Creates a regular workspace {@code default/<id>} with the given access token strategy. */
    void createWorkspace(String id, String strategy, List<String> subjectTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", "default");
        body.put("id", id);
        body.put("name", "Grants " + id);
        body.put("type", "regular");
        body.put("access_token_strategy", strategy);
        body.put("grant_types", List.of("authorization_code", "refresh_token", "client_credentials"));
        body.put("subject_identifier_types", subjectTypes);
        body.put("subject_identifier_algorithm_salt", SALT);
        HttpResponse<String> created = admin("POST", "/api/admin/default/servers", Json.write(body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Creates a confidential client (client_secret_post) of {@code default/<workspace>}; extra fields added. */
    TestClient createClient(String workspace, List<String> grantTypes, List<String> redirectUris,
                            Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_id", "default");
        body.put("authorization_server_id", workspace);
        body.put("client_name", "app");
        body.put("grant_types", grantTypes);
        body.put("redirect_uris", redirectUris);
        body.put("token_endpoint_auth_method", "client_secret_post");
        body.putAll(extra);
        HttpResponse<String> created = admin("POST", "/api/admin/default/clients", Json.write(body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> client = TestServer.json(created);
        return new TestClient((String) client.get("client_id"), (String) client.get("client_secret"));
    }

    TestClient createClient(String workspace, String redirectUri) {
        return createClient(workspace, List.of("authorization_code", "refresh_token"), List.of(redirectUri),
                Map.of("scopes", List.of("openid", "profile", "email", "offline_access")));
    }

    HttpResponse<String> admin(String method, String path, String json) {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + server.adminToken())
                .header("Content-Type", "application/json").build());
    }

    /** A user's grant, as the authorization endpoint stores it, of {@link #USER} through a static IDP. */
    Grant grant(String workspace, TestClient client, List<String> scopes, Duration lifetime) {
        Instant now = server.clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", "Jane Doe");
        claims.put("email", "jane@example.com");
        claims.put("email_verified", true);
        claims.put("phone_number", "+15550100");
        claims.put("employee_id", "E-17");
        Grant grant = new Grant(UUID.randomUUID().toString(), "default", workspace, client.id(), USER, "static-idp",
                List.of("pwd"), "urn:latchkey:acr:password", now.minusSeconds(30), scopes, claims,
                "session-" + UUID.randomUUID(), now, now.plus(lifetime));
        new JdbiGrantRepository(server.server().database().jdbi()).insert(grant);
        return grant;
    }

    Grant grant(String workspace, TestClient client, List<String> scopes) {
        return grant(workspace, client, scopes, Duration.ofDays(60));
    }

    /** Stores a code of {@code grant} and returns it; challenge, method, nonce and redirect URI may be null. */
    String code(Grant grant, String redirectUri, String challenge, String method, String nonce) {
        String code = UUID.randomUUID() + "-" + UUID.randomUUID();
        Instant now = server.clock.instant();
        new JdbiAuthorizationCodeRepository(server.server().database().jdbi()).insert(TokenHashes.hash(code),
                new AuthorizationCode(grant.tenantId(), grant.workspaceId(), grant.grantId(), grant.clientId(),
                        redirectUri, challenge, method, nonce, grant.scopes(), now, now.plus(Duration.ofMinutes(10))));
        return code;
    }

    /** A token request of {@code client} (client_secret_post) with the given form fields (name, value...). */
    HttpResponse<String> token(String workspace, TestClient client, String... fields) {
        StringBuilder body = new StringBuilder("client_id=").append(client.id())
                .append("&client_secret=").append(client.secret());
        for (int i = 0; i < fields.length; i += 2) {
            body.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1],
                    StandardCharsets.UTF_8));
        }
        return server.postForm("/default/" + workspace + "/oauth2/token", body.toString());
    }

    HttpResponse<String> exchange(String workspace, TestClient client, String code, String redirectUri,
                                  String verifier) {
        return verifier == null
                ? token(workspace, client, "grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri)
                : token(workspace, client, "grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                "code_verifier", verifier);
    }

    HttpResponse<String> refresh(String workspace, TestClient client, String refreshToken) {
        return token(workspace, client, "grant_type", "refresh_token", "refresh_token", refreshToken);
    }

    /** Asserts a 200 token response and returns its body. */
    static Map<String, Object> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        return TestServer.json(response);
    }

    /** Asserts an RFC 6749 error response with this status and error code. */
    static Map<String, Object> error(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsEntry("error", error);
        return body;
    }

    /** Verifies a JWT of {@code workspace} against its published JWKS (ES256) and returns its claims. */
    JWTClaimsSet verify(String workspace, String jwt) throws Exception {
        JWKSet jwks = JWKSet.parse(server.get("/default/" + workspace + "/.well-known/jwks.json").body());
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(jwks)));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // times come from the test clock
        SignedJWT parsed = SignedJWT.parse(jwt);
        assertThat(parsed.getHeader().getType().getType()).isEqualTo("JWT");
        return processor.process(parsed, null);
    }

    /** Whether the token id (a JWT's jti) is among the revoked tokens. */
    boolean revoked(String tokenId) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM revoked_tokens WHERE token_id = :id").bind("id", tokenId).mapTo(Long.class)
                .one()) > 0;
    }

    /** {@code base64url(SHA-256(sector || subject || salt))}, computed here independently of the server. */
    static String pairwise(String sector, String subject) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] digest = sha.digest((sector + subject + SALT).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
