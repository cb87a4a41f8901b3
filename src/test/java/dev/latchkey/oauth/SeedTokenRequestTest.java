package dev.latchkey.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.latchkey.testing.TestServer.ADMIN_CLIENT_ID;
import static dev.latchkey.testing.TestServer.ADMIN_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed document's "Call Token Endpoint" request, unchanged but for the host, against a started
 * server; the token is checked with Nimbus (a library that is not ours) against the published JWKS, and
 * its header and claims against design §3.
 */
class SeedTokenRequestTest {

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
    void seedTokenRequestReturnsSignedJwtWithCloudentityClaims() throws Exception {
        // curl -X POST https://{tid}.authz.cloudentity.io/{tid}/{aid}/oauth2/token \
        //   --header "Content-Type: application/x-www-form-urlencoded" \
        //   --data-raw "grant_type=client_credentials&client_id=...&client_secret=..."
        HttpResponse<String> response = server.postForm("/default/admin/oauth2/token",
                "grant_type=client_credentials&client_id=" + ADMIN_CLIENT_ID + "&client_secret=" + ADMIN_CLIENT_SECRET,
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Object> body = TestServer.json(response);
        assertThat(body).containsOnlyKeys("access_token", "expires_in", "scope", "token_type");
        assertThat(body).containsEntry("expires_in", 3600).containsEntry("token_type", "bearer")
                .containsEntry("scope", "introspect_tokens revoke_tokens");

        SignedJWT jwt = SignedJWT.parse((String) body.get("access_token"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(jwt.getHeader().getKeyID()).matches("[0-9]{20,}");

        JWKSet jwks = JWKSet.parse(server.get("/default/admin/.well-known/jwks.json").body());
        assertThat(jwks.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(jwks)));
        JWTClaimsSet claims = processor.process(jwt, null);

        String issuer = server.baseUrl() + "/default/admin";
        assertThat(claims.getClaims()).containsOnlyKeys("aid", "amr", "aud", "exp", "iat", "idp", "iss", "jti",
                "nbf", "scp", "st", "sub", "tid");
        assertThat(claims.getStringClaim("aid")).isEqualTo("admin");
        assertThat(claims.getStringClaim("tid")).isEqualTo("default");
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getSubject()).isEqualTo(ADMIN_CLIENT_ID);
        assertThat(claims.getStringListClaim("amr")).isEmpty();
        assertThat(claims.getStringClaim("idp")).isEmpty();
        assertThat(claims.getStringClaim("st")).isEqualTo("public");
        assertThat(claims.getStringListClaim("scp")).containsExactly("introspect_tokens", "revoke_tokens");
        assertThat(claims.getAudience()).hasSize(2).first().isEqualTo(ADMIN_CLIENT_ID);
        assertThat(claims.getAudience().get(1)).matches("spiffe:/default/admin/[0-9a-v]{20}");
        assertThat(claims.getJWTID()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        Instant iat = claims.getIssueTime().toInstant();
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(iat.plusSeconds(3600));
        assertThat(iat).isBetween(server.clock.instant().minusSeconds(5), server.clock.instant().plusSeconds(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void discoveryAdvertisesOnlyWhatIsImplemented() {
        for (String doc : new String[] {"openid-configuration", "oauth-authorization-server"}) {
            HttpResponse<String> response = server.get("/default/admin/.well-known/" + doc);
            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> meta = TestServer.json(response);
            assertThat(meta).containsEntry("issuer", server.baseUrl() + "/default/admin")
                    .containsEntry("token_endpoint", server.baseUrl() + "/default/admin/oauth2/token")
                    .containsEntry("jwks_uri", server.baseUrl() + "/default/admin/.well-known/jwks.json")
                    // the admin workspace allows the code flow, which is implemented: it is advertised
                    .containsEntry("authorization_endpoint", server.baseUrl() + "/default/admin/oauth2/authorize")
                    .containsEntry("authorization_response_iss_parameter_supported", true)
                    .containsEntry("code_challenge_methods_supported", List.of("S256"))
                    .doesNotContainKey("pushed_authorization_request_endpoint")
                    .doesNotContainKey("device_authorization_endpoint");
            assertThat(meta.get("grant_types_supported"))
                    .isEqualTo(List.of("authorization_code", "client_credentials", "refresh_token"));
            assertThat(meta.get("token_endpoint_auth_methods_supported")).isEqualTo(List.of("client_secret_basic",
                    "client_secret_post", "client_secret_jwt", "private_key_jwt", "self_signed_tls_client_auth",
                    "tls_client_auth", "none"));
            assertThat((List<Object>) meta.get("token_endpoint_auth_signing_alg_values_supported"))
                    .contains("HS256", "RS256", "PS256", "ES256").doesNotContain("none");
        }
    }

    @Test
    void nimbusClientGetsTokenWithBasicAuthentication() throws Exception {
        var request = new com.nimbusds.oauth2.sdk.TokenRequest(server.uri("/default/admin/oauth2/token"),
                new ClientSecretBasic(new ClientID(ADMIN_CLIENT_ID), new Secret(ADMIN_CLIENT_SECRET)),
                new ClientCredentialsGrant(), new Scope("introspect_tokens"));
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        var token = response.toSuccessResponse().getTokens().getAccessToken();
        assertThat(token.getScope().toStringList()).containsExactly("introspect_tokens");
        assertThat(token.getLifetime()).isEqualTo(3600);
    }

    // ---- the form body, however it comes: with a declared length (read straight into an array), chunked,
    // with a charset parameter, larger than the small-body path ----

    private static String form(String padding) {
        return "grant_type=client_credentials&client_id=" + TestServer.ADMIN_CLIENT_ID + "&client_secret="
                + URLEncoder.encode(TestServer.ADMIN_CLIENT_SECRET, StandardCharsets.UTF_8) + padding;
    }

    private static HttpResponse<String> post(String contentType, HttpRequest.BodyPublisher body) {
        return server.send(HttpRequest.newBuilder(server.uri("/default/admin/oauth2/token")).header("Content-Type", contentType)
                .POST(body).build());
    }

    @Test
    void aBodyWithItsLengthIsRead() {
        HttpResponse<String> r = post("application/x-www-form-urlencoded", HttpRequest.BodyPublishers.ofString(form("")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"access_token\"");
    }

    @Test
    void aChunkedBodyWithoutALengthIsRead() {
        byte[] bytes = form("").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aCharsetParameterIsHonoured() {
        HttpResponse<String> r = post("application/x-www-form-urlencoded; charset=UTF-8",
                HttpRequest.BodyPublishers.ofString(form("&x=%C3%A9t%C3%A9")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aBodyLargerThanTheSmallBodyPathIsReadTheGeneralWay() {
        HttpResponse<String> r = post("application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString(form("&pad=" + "a".repeat(70_000))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200); // 70 KB, under the default 1 MB limit
    }

    @Test
    void whatTheFormSaysIsWhatTheEndpointJudges() {
        HttpResponse<String> r = post("application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=nobody"));
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
