package dev.latchkey.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.keys.CryptoProvider;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.ClientAuthKit.assertToken;
import static dev.latchkey.oauth.ClientAuthKit.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JCA providers (issue 8, {@code --crypto-provider}): ES256 and RS256 tokens the server signs verify
 * with Amazon Corretto Crypto Provider (ACCP) and with the JDK's providers, client assertions signed by
 * either verify on the server, and a server started with the {@code jdk} choice signs without ACCP and
 * says so in {@code /metrics}. Run the whole suite with the JDK's providers: {@code ./test -Dlatchkey.crypto=jdk}.
 */
class CryptoProvidersTest {

    static TestServer server;
    static ClientAuthKit kit;
    static ECKey ec;
    static RSAKey rsa;
    static Map<String, String> secretClients;
    static Map<String, String> assertionClients;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        kit = new ClientAuthKit(server);
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        Map<String, Object> jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toJSONObject();
        secretClients = new java.util.HashMap<>();
        assertionClients = new java.util.HashMap<>();
        for (String[] ws : new String[][] {{"crypto-es", "ecdsa", "ES256"}, {"crypto-rs", "rsa", "RS256"}}) {
            kit.createWorkspace(ws[0], Map.of("key_type", ws[1], "grant_types", List.of("client_credentials")));
            secretClients.put(ws[0], (String) kit.createClient(ws[0], Map.of("client_secret",
                    "crypto-secret-0123456789abcdefghijklmnop")).get("client_id"));
            assertionClients.put(ws[2], (String) kit.createClient(ws[0], Map.of("token_endpoint_auth_method",
                    "private_key_jwt", "jwks", jwks, "token_endpoint_auth_signing_alg", ws[2])).get("client_id"));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Provider accp() {
        return CryptoProvider.accp().orElseThrow(() -> new AssertionError(
                "Amazon Corretto Crypto Provider does not load on this machine"));
    }

    private static SignedJWT serverToken(TestServer on, String workspace, String clientId) throws Exception {
        return SignedJWT.parse(on.token("/default/" + workspace + "/oauth2/token", clientId,
                "crypto-secret-0123456789abcdefghijklmnop", null));
    }

    private static boolean verifies(SignedJWT jwt, JWK key, Provider provider) throws Exception {
        JWSVerifier verifier = key instanceof ECKey e ? new ECDSAVerifier(e) : new RSASSAVerifier((RSAKey) key);
        verifier.getJCAContext().setProvider(provider);
        return jwt.verify(verifier);
    }

    private static void assertVerifiesWithBoth(TestServer on, String workspace, SignedJWT jwt) throws Exception {
        JWKSet jwks = JWKSet.parse(on.get("/default/" + workspace + "/.well-known/jwks.json").body());
        JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the token's kid is in the JWKS").isNotNull();
        Provider jdk = Security.getProvider(key instanceof ECKey ? "SunEC" : "SunRsaSign");
        assertThat(verifies(jwt, key, jdk)).as("verified by " + jdk.getName()).isTrue();
        assertThat(verifies(jwt, key, accp())).as("verified by ACCP").isTrue();
    }

    @Test
    void es256AndRs256TokensOfTheServerVerifyWithBothProviders() throws Exception {
        SignedJWT es = serverToken(server, "crypto-es", secretClients.get("crypto-es"));
        assertThat(es.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertVerifiesWithBoth(server, "crypto-es", es);
        SignedJWT rs = serverToken(server, "crypto-rs", secretClients.get("crypto-rs"));
        assertThat(rs.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertVerifiesWithBoth(server, "crypto-rs", rs);
    }

    @Test
    void assertionsSignedWithEitherProviderVerifyOnTheServer() throws Exception {
        for (Provider provider : List.of(Security.getProvider("SunEC"), accp())) {
            JWSSigner signer = new ECDSASigner(ec);
            signer.getJCAContext().setProvider(provider);
            String assertion = sign(kit.claims(assertionClients.get("ES256"), "crypto-es").build(), JWSAlgorithm.ES256,
                    ec.getKeyID(), signer);
            assertToken(kit.withAssertion("crypto-es", assertion));
        }
        for (Provider provider : List.of(Security.getProvider("SunRsaSign"), accp())) {
            JWSSigner signer = new RSASSASigner(rsa);
            signer.getJCAContext().setProvider(provider);
            String assertion = sign(kit.claims(assertionClients.get("RS256"), "crypto-rs").build(), JWSAlgorithm.RS256,
                    rsa.getKeyID(), signer);
            assertToken(kit.withAssertion("crypto-rs", assertion));
        }
    }

    @Test
    void metricsNameTheProviderOfTheChoice() {
        String provider = server.server().cryptoProvider();
        CryptoProvider.Choice choice = CryptoProvider.configured();
        assertThat(provider).isEqualTo(choice == CryptoProvider.Choice.JDK ? CryptoProvider.JDK
                : "AmazonCorrettoCryptoProvider");
        assertThat(server.get("/metrics").body()).contains("latchkey_crypto_provider{choice=\"" + choice
                + "\",provider=\"" + provider + "\"} 1");
    }

    @Test
    void aServerWithTheJdkChoiceSignsWithoutAccpAndItsTokensVerifyWithAccp() throws Exception {
        CryptoProvider.Choice before = CryptoProvider.configured();
        CryptoProvider.configure(CryptoProvider.Choice.JDK);
        try (TestServer jdk = TestServer.start()) {
            assertThat(jdk.server().cryptoProvider()).isEqualTo(CryptoProvider.JDK);
            assertThat(Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
            assertThat(jdk.get("/metrics").body()).contains("latchkey_crypto_provider{choice=\"jdk\",provider=\"JDK\"} 1");
            ClientAuthKit jdkKit = new ClientAuthKit(jdk);
            jdkKit.createWorkspace("jdk-es", Map.of("grant_types", List.of("client_credentials")));
            String client = (String) jdkKit.createClient("jdk-es", Map.of("client_secret",
                    "crypto-secret-0123456789abcdefghijklmnop")).get("client_id");
            assertVerifiesWithBoth(jdk, "jdk-es", serverToken(jdk, "jdk-es", client));
        } finally {
            CryptoProvider.configure(before);
            CryptoProvider.install(before);
        }
    }
}
