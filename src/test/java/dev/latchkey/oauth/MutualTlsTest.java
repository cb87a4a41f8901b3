package dev.latchkey.oauth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.latchkey.testing.TestCertificates;
import dev.latchkey.testing.TestCertificates.Issued;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Map;

import static dev.latchkey.oauth.ClientAuthKit.CC;
import static dev.latchkey.oauth.ClientAuthKit.assertError;
import static dev.latchkey.oauth.ClientAuthKit.assertToken;
import static dev.latchkey.oauth.ClientAuthKit.tokenPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 8705 client authentication with the certificate of the TLS connection itself: the server listens on
 * HTTPS (a self-signed server certificate made at start), asks for a client certificate without requiring
 * one, and the client's method judges it: {@code tls_client_auth} by the registered subject DN,
 * {@code self_signed_tls_client_auth} by the registered key. No proxy and no certificate header here: the
 * workspace does not read one.
 */
class MutualTlsTest {

    private static final String WS = "mtls-direct";
    private static final String DN = "CN=direct-client, O=Acme, C=US";

    static TestServer server;
    static ClientAuthKit kit;
    static Issued client;
    static Issued stranger;
    static HttpClient withCertificate;
    static HttpClient withStrangerCertificate;

    @BeforeAll
    static void start() {
        server = TestServer.startTls(c -> c);
        kit = new ClientAuthKit(server);
        TestCertificates certificates = new TestCertificates();
        client = certificates.selfSigned(DN, null, 2);
        stranger = certificates.selfSigned("CN=stranger, O=Elsewhere", null, 2);
        withCertificate = server.httpsClient(certificates.keyManagers(client));
        withStrangerCertificate = server.httpsClient(certificates.keyManagers(stranger));
        kit.createWorkspace(WS, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> tokenRequest(HttpClient http, String clientId) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(tokenPath(WS)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(CC + "&client_id=" + clientId)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void baseUrlAndIssuerAreHttps() {
        assertThat(server.baseUrl()).startsWith("https://localhost:");
        HttpResponse<String> discovery = server.get("/default/" + WS + "/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(discovery).get("issuer")).isEqualTo(server.baseUrl() + "/default/" + WS);
    }

    @Test
    void tlsClientAuthMatchesTheConnectionCertificatesSubjectDn() throws Exception {
        String id = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "tls_client_auth",
                "tls_client_auth_subject_dn", "CN=direct-client,O=Acme,C=US")).get("client_id");
        assertToken(tokenRequest(withCertificate, id));
        // another certificate, or none, is not this client
        assertError(tokenRequest(withStrangerCertificate, id), 401, "invalid_client");
        Map<String, Object> none = assertError(tokenRequest(server.httpsClient(null), id), 401, "invalid_client");
        assertThat((String) none.get("error_description")).contains("certificate");
    }

    @Test
    void selfSignedTlsClientAuthMatchesTheRegisteredKey() throws Exception {
        ECKey key = new ECKey.Builder(Curve.P_256, (ECPublicKey) client.certificate().getPublicKey())
                .keyID("direct").build();
        String id = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "self_signed_tls_client_auth",
                "jwks", new JWKSet(key).toJSONObject())).get("client_id");
        assertToken(tokenRequest(withCertificate, id));
        assertError(tokenRequest(withStrangerCertificate, id), 401, "invalid_client");
        assertError(tokenRequest(server.httpsClient(null), id), 401, "invalid_client");
    }

    @Test
    void secretClientsNeedNoCertificateOnTheTlsPort() {
        // the admin client authenticates with its secret; a certificate is asked for, never required
        assertThat(server.adminToken()).isNotBlank();
    }

    @Test
    void plainHttpToTheTlsPortFails() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI http = URI.create(server.baseUrl().replace("https://", "http://") + "/alive");
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(http).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
}
