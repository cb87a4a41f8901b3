package dev.latchkey.oauth;

import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.grant.Grant;
import dev.latchkey.testing.TestCertificates;
import dev.latchkey.testing.TestCertificates.Issued;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate-bound access tokens (RFC 8705 §3) over real mutual TLS: a client registered with
 * {@code tls_client_certificate_bound_access_tokens} gets tokens carrying {@code cnf.x5t#S256} of the certificate
 * it presented (JWT and opaque), introspection shows it, userinfo and the management API refuse the token without
 * that certificate, and discovery advertises the feature. Other clients keep bearer tokens.
 */
class CertificateBoundTokensTest {

    private static final String WS = "mtls-bound";
    private static final String OPAQUE_WS = "mtls-bound-opaque";
    private static final String REDIRECT = "https://app.example.com/cb";
    private static final Map<String, Object> BOUND = Map.of("tls_client_certificate_bound_access_tokens", true);

    static TestServer server;
    static UserGrantFixture fixture;
    static Issued certificate;
    static HttpClient withCertificate;
    static HttpClient withOtherCertificate;
    static HttpClient withoutCertificate;

    @BeforeAll
    static void start() {
        server = TestServer.startTls(c -> c);
        fixture = new UserGrantFixture(server);
        TestCertificates certificates = new TestCertificates();
        certificate = certificates.selfSigned("CN=bound-client, O=Acme", null, 2);
        withCertificate = server.httpsClient(certificates.keyManagers(certificate));
        withOtherCertificate = server.httpsClient(certificates.keyManagers(
                certificates.selfSigned("CN=other, O=Elsewhere", null, 2)));
        withoutCertificate = server.httpsClient(null);
        fixture.createWorkspace(WS, "jwt", List.of("public"));
        fixture.createWorkspace(OPAQUE_WS, "opaque", List.of("public"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** x5t#S256 computed here, independently: base64url of SHA-256 over the certificate's DER. */
    private static String thumbprint(Issued issued) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(issued.certificate().getEncoded());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static HttpResponse<String> post(HttpClient http, String path, String form, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> clientCredentials(HttpClient http, String ws, UserGrantFixture.TestClient c)
            throws Exception {
        return post(http, "/default/" + ws + "/oauth2/token", "grant_type=client_credentials&client_id=" + c.id()
                + "&client_secret=" + c.secret());
    }

    private static UserGrantFixture.TestClient serviceClient(String ws, Map<String, Object> extra) {
        return fixture.createClient(ws, List.of("client_credentials"), List.of(), extra);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> introspect(String ws, UserGrantFixture.TestClient caller, String token)
            throws Exception {
        HttpResponse<String> r = post(withCertificate, "/default/" + ws + "/oauth2/introspect",
                "client_id=" + caller.id() + "&client_secret=" + caller.secret() + "&token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    private static String accessToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) TestServer.json(response).get("access_token");
    }

    @Test
    void aBoundClientsJwtCarriesTheThumbprintOfItsCertificate() throws Exception {
        var client = serviceClient(WS, BOUND);
        String token = accessToken(clientCredentials(withCertificate, WS, client));
        Map<String, Object> cnf = SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf");
        assertThat(cnf).isEqualTo(Map.of("x5t#S256", thumbprint(certificate)));
        assertThat(introspect(WS, client, token)).containsEntry("active", true)
                .containsEntry("cnf", Map.of("x5t#S256", thumbprint(certificate)));

        // a certificate is required of it; other clients keep bearer tokens, with or without one
        HttpResponse<String> none = clientCredentials(withoutCertificate, WS, client);
        assertThat(none.statusCode()).as(none.body()).isEqualTo(400);
        assertThat(TestServer.json(none)).containsEntry("error", "invalid_request");
        var bearer = serviceClient(WS, Map.of());
        String unbound = accessToken(clientCredentials(withCertificate, WS, bearer));
        assertThat(SignedJWT.parse(unbound).getJWTClaimsSet().getClaim("cnf")).isNull();
        assertThat(introspect(WS, bearer, unbound)).containsEntry("active", true).doesNotContainKey("cnf");
    }

    @Test
    void anOpaqueTokenIsBoundToo() throws Exception {
        var client = serviceClient(OPAQUE_WS, BOUND);
        String token = accessToken(clientCredentials(withCertificate, OPAQUE_WS, client));
        assertThat(token).doesNotContain(".");
        assertThat(introspect(OPAQUE_WS, client, token))
                .containsEntry("cnf", Map.of("x5t#S256", thumbprint(certificate)));
    }

    @Test
    void userinfoRefusesABoundTokenWithoutItsCertificate() throws Exception {
        var client = fixture.createClient(WS, List.of("authorization_code", "refresh_token"), List.of(REDIRECT),
                Map.of("scopes", List.of("openid", "email", "offline_access"),
                        "tls_client_certificate_bound_access_tokens", true));
        Grant grant = fixture.grant(WS, client, List.of("openid", "email", "offline_access"));
        String code = fixture.code(grant, REDIRECT, null, null, null);
        HttpResponse<String> exchanged = post(withCertificate, "/default/" + WS + "/oauth2/token",
                "grant_type=authorization_code&client_id=" + client.id() + "&client_secret=" + client.secret()
                        + "&code=" + code + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));
        String token = accessToken(exchanged);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf"))
                .containsEntry("x5t#S256", thumbprint(certificate));

        String userinfo = "/default/" + WS + "/userinfo";
        HttpResponse<String> ok = withCertificate.send(HttpRequest.newBuilder(server.uri(userinfo))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(TestServer.json(ok)).containsEntry("sub", UserGrantFixture.USER)
                .containsEntry("email", "jane@example.com");
        for (HttpClient wrong : List.of(withoutCertificate, withOtherCertificate)) {
            HttpResponse<String> refused = wrong.send(HttpRequest.newBuilder(server.uri(userinfo))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                    assertThat(v).contains("invalid_token"));
        }

        // the access token of a refresh is bound to the certificate presented at the refresh
        String refreshed = accessToken(post(withCertificate, "/default/" + WS + "/oauth2/token",
                "grant_type=refresh_token&client_id=" + client.id() + "&client_secret=" + client.secret()
                        + "&refresh_token=" + TestServer.json(exchanged).get("refresh_token")));
        assertThat(SignedJWT.parse(refreshed).getJWTClaimsSet().getJSONObjectClaim("cnf"))
                .containsEntry("x5t#S256", thumbprint(certificate));
    }

    @Test
    void theManagementApiRefusesABoundTokenWithoutItsCertificate() throws Exception {
        var admin = fixture.createClient("admin", List.of("client_credentials"), List.of(), BOUND);
        String token = accessToken(clientCredentials(withCertificate, "admin", admin));
        String path = "/api/admin/default/servers/" + WS;
        HttpResponse<String> ok = withCertificate.send(HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        for (HttpClient wrong : List.of(withoutCertificate, withOtherCertificate)) {
            HttpResponse<String> refused = wrong.send(HttpRequest.newBuilder(server.uri(path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        }
    }

    @Test
    void discoveryAdvertisesBoundTokens() {
        HttpResponse<String> discovery = server.get("/default/" + WS + "/.well-known/openid-configuration");
        assertThat(TestServer.json(discovery)).containsEntry("tls_client_certificate_bound_access_tokens", true);
    }
}
