package dev.latchkey.oauth;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.latchkey.support.TrustedProxies;
import dev.latchkey.testing.TestCertificates;
import dev.latchkey.testing.TestCertificates.Issued;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.ClientAuthKit.CC;
import static dev.latchkey.oauth.ClientAuthKit.assertError;
import static dev.latchkey.oauth.ClientAuthKit.assertToken;
import static dev.latchkey.oauth.ClientAuthKit.tokenPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tls_client_auth} and {@code self_signed_tls_client_auth} (RFC 8705 §2) with the client certificate
 * in the workspace's {@code client_certificate_header}, as a TLS-terminating proxy (nginx's
 * {@code $ssl_client_escaped_cert}) sends it; the server trusts 127.0.0.1 as a proxy. The header is ignored
 * from an address that is not a trusted proxy and in a workspace that does not read it.
 */
class ClientCertificateAuthTest {

    private static final String WS = "mtls";
    private static final String CA_WS = "mtls-ca";
    private static final String HEADER = "X-SSL-Client-Cert";
    private static final String DN = "CN=client-one, O=Acme, C=US";

    static TestServer server;
    static ClientAuthKit kit;
    static Issued client;
    static Issued expired;
    static Issued ca;
    static Issued issuedByCa;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.freePort(),
                c -> c.withTrustedProxies(TrustedProxies.parse("127.0.0.1/32, ::1/128")));
        kit = new ClientAuthKit(server);
        TestCertificates certificates = new TestCertificates();
        client = certificates.selfSigned(DN, null, 2, "san=dns:client.example.com,ip:10.1.2.3,"
                + "uri:https://client.example.com/id,email:client@example.com");
        expired = certificates.selfSigned(DN, "-10d", 1);
        ca = certificates.selfSigned("CN=Test Root CA, O=Acme", null, 2, "bc:c");
        issuedByCa = certificates.issuedBy(ca, DN);
        Map<String, Object> readHeader = Map.of("read_client_certificate_from_header", true,
                "client_certificate_header", HEADER);
        kit.createWorkspace(WS, readHeader);
        Map<String, Object> withRoots = new java.util.HashMap<>(readHeader);
        withRoots.put("root_cas", ca.pem());
        kit.createWorkspace(CA_WS, withRoots);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The certificate as nginx's $ssl_client_escaped_cert: URL-encoded PEM. */
    static String escaped(Issued certificate) {
        return URLEncoder.encode(certificate.pem(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String tlsClient(String workspace, String field, String value) {
        return (String) kit.createClient(workspace, Map.of("token_endpoint_auth_method", "tls_client_auth", field,
                value)).get("client_id");
    }

    private static HttpResponse<String> request(TestServer target, String workspace, String clientId,
                                                String certificateHeader) {
        String form = CC + "&client_id=" + clientId;
        return certificateHeader == null ? target.postForm(tokenPath(workspace), form)
                : target.postForm(tokenPath(workspace), form, HEADER, certificateHeader);
    }

    // ---- tls_client_auth ----

    @Test
    void subjectDnMatchAuthenticatesWhateverTheHeaderEncoding() throws Exception {
        String id = tlsClient(WS, "tls_client_auth_subject_dn", "CN=client-one,O=Acme,C=US");
        assertToken(request(server, WS, id, escaped(client)));
        // bare base64 DER, and PEM on one line
        assertToken(request(server, WS, id, Base64.getEncoder().encodeToString(client.certificate().getEncoded())));
        assertToken(request(server, WS, id, client.pem().replace("\r", "").replace("\n", " ").strip()));
    }

    @Test
    void eachSubjectAlternativeNameKindMatches() {
        assertToken(request(server, WS, tlsClient(WS, "tls_client_auth_san_dns", "client.example.com"),
                escaped(client)));
        assertToken(request(server, WS, tlsClient(WS, "tls_client_auth_san_uri", "https://client.example.com/id"),
                escaped(client)));
        assertToken(request(server, WS, tlsClient(WS, "tls_client_auth_san_ip", "10.1.2.3"), escaped(client)));
        assertToken(request(server, WS, tlsClient(WS, "tls_client_auth_san_email", "client@example.com"),
                escaped(client)));
        // and a name the certificate does not carry does not
        assertError(request(server, WS, tlsClient(WS, "tls_client_auth_san_dns", "other.example.com"),
                escaped(client)), 401, "invalid_client");
        assertError(request(server, WS, tlsClient(WS, "tls_client_auth_san_ip", "10.1.2.4"), escaped(client)),
                401, "invalid_client");
    }

    @Test
    void certificateNotMatchingTheSubjectDnIsInvalidClient() {
        String id = tlsClient(WS, "tls_client_auth_subject_dn", "CN=client-two, O=Acme, C=US");
        Map<String, Object> body = assertError(request(server, WS, id, escaped(client)), 401, "invalid_client");
        assertThat((String) body.get("error_description")).contains("certificate");
    }

    @Test
    void noCertificateExpiredCertificateOrGarbageIsInvalidClient() {
        String id = tlsClient(WS, "tls_client_auth_subject_dn", DN);
        assertError(request(server, WS, id, null), 401, "invalid_client");
        assertError(request(server, WS, id, escaped(expired)), 401, "invalid_client");
        assertError(request(server, WS, id, "not a certificate"), 401, "invalid_client");
        assertError(request(server, WS, id, "-----BEGIN%20CERTIFICATE-----%0AAAAA%0A-----END%20CERTIFICATE-----"),
                401, "invalid_client");
        // a registration naming nothing to match
        String nothing = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "tls_client_auth"))
                .get("client_id");
        assertError(request(server, WS, nothing, escaped(client)), 401, "invalid_client");
    }

    @Test
    void withRootCasTheCertificateMustChainToOne() {
        String id = tlsClient(CA_WS, "tls_client_auth_subject_dn", DN);
        assertToken(request(server, CA_WS, id, escaped(issuedByCa)));
        // the same subject, self-signed
        assertError(request(server, CA_WS, id, escaped(client)), 401, "invalid_client");
    }

    @Test
    void headerIsIgnoredInAWorkspaceThatDoesNotReadIt() {
        String ws = "mtls-no-header";
        kit.createWorkspace(ws, Map.of("client_certificate_header", HEADER));
        String id = tlsClient(ws, "tls_client_auth_subject_dn", DN);
        assertError(request(server, ws, id, escaped(client)), 401, "invalid_client");
    }

    @Test
    void headerFromAnAddressThatIsNotATrustedProxyIsIgnored() {
        try (TestServer untrusting = TestServer.start(TestServer.freePort(),
                c -> c.withTrustedProxies(TrustedProxies.parse("10.0.0.0/8")))) {
            ClientAuthKit other = new ClientAuthKit(untrusting);
            other.createWorkspace(WS, Map.of("read_client_certificate_from_header", true,
                    "client_certificate_header", HEADER));
            String id = (String) other.createClient(WS, Map.of("token_endpoint_auth_method", "tls_client_auth",
                    "tls_client_auth_subject_dn", DN)).get("client_id");
            Map<String, Object> body = assertError(request(untrusting, WS, id, escaped(client)), 401,
                    "invalid_client");
            assertThat((String) body.get("error_description")).contains("needs a client certificate");
        }
    }

    // ---- self_signed_tls_client_auth ----

    /** The certificate's public key with the certificate as x5c (Nimbus's JWK.parse of an EC one needs BC). */
    private static JWK jwk(Issued certificate) throws Exception {
        java.security.interfaces.ECPublicKey key = (java.security.interfaces.ECPublicKey) certificate.certificate()
                .getPublicKey();
        return new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, key).keyID(certificate.alias())
                .x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(certificate.certificate().getEncoded())))
                .build();
    }

    @Test
    void selfSignedCertificateRegisteredInJwksAuthenticates() throws Exception {
        JWK withX5c = jwk(client);
        String id = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "self_signed_tls_client_auth",
                "jwks", new JWKSet(withX5c.toPublicJWK()).toJSONObject())).get("client_id");
        assertToken(request(server, WS, id, escaped(client)));

        // registered as a bare public key, without x5c
        ECKey bare = new ECKey.Builder((ECKey) withX5c.toPublicJWK()).x509CertChain(null)
                .x509CertSHA256Thumbprint(null).keyID("bare").build();
        String bareId = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method",
                "self_signed_tls_client_auth", "jwks", new JWKSet(bare).toJSONObject())).get("client_id");
        assertToken(request(server, WS, bareId, escaped(client)));
    }

    @Test
    void selfSignedCertificateNotInJwksIsInvalidClient() throws Exception {
        JWK other = jwk(issuedByCa);
        String id = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "self_signed_tls_client_auth",
                "jwks", new JWKSet(other.toPublicJWK()).toJSONObject())).get("client_id");
        assertError(request(server, WS, id, escaped(client)), 401, "invalid_client");
        assertError(request(server, WS, id, null), 401, "invalid_client");
    }

    @Test
    void certificateMethodNotEnabledForTheWorkspaceIsInvalidClient() {
        String ws = "mtls-off";
        kit.createWorkspace(ws, Map.of("read_client_certificate_from_header", true,
                "client_certificate_header", HEADER));
        String id = tlsClient(ws, "tls_client_auth_subject_dn", DN);
        assertToken(request(server, ws, id, escaped(client)));
        kit.updateWorkspace(ws, Map.of("token_endpoint_auth_methods", List.of("client_secret_basic",
                "self_signed_tls_client_auth")));
        Map<String, Object> body = assertError(request(server, ws, id, escaped(client)), 401, "invalid_client");
        assertThat((String) body.get("error_description")).contains("tls_client_auth").contains("not enabled");
    }
}
