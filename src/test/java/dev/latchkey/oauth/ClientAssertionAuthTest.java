package dev.latchkey.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.ClientAuthKit.CC;
import static dev.latchkey.oauth.ClientAuthKit.assertError;
import static dev.latchkey.oauth.ClientAuthKit.assertToken;
import static dev.latchkey.oauth.ClientAuthKit.sign;
import static dev.latchkey.oauth.ClientAuthKit.tokenPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client_secret_jwt} and {@code private_key_jwt} with a registered {@code jwks} (RFC 7523 §2.2 / §3,
 * OIDC Core §9) over real HTTP with the client credentials grant: assertions made by the Nimbus SDK work,
 * and each broken rule is {@code invalid_client} (or {@code invalid_request} for two methods at once). The
 * SDK stamps assertions with the system time, so this class never moves the test clock.
 */
class ClientAssertionAuthTest {

    private static final String WS = "assertions";
    /** 64 characters: long enough for HS512 (RFC 7518 §3.2). */
    private static final String SECRET = "client-secret-jwt-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";

    static TestServer server;
    static ClientAuthKit kit;
    static RSAKey rsa;
    static ECKey ec;
    static String secretJwtClient;
    static String privateKeyClient;
    static String es256OnlyClient;
    static String basicClient;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        kit = new ClientAuthKit(server);
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        kit.createWorkspace(WS, Map.of());
        Map<String, Object> jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toJSONObject();
        secretJwtClient = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "client_secret_jwt",
                "client_secret", SECRET)).get("client_id");
        privateKeyClient = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "private_key_jwt",
                "jwks", jwks, "token_endpoint_auth_signing_alg", "RS256")).get("client_id");
        // without a token_endpoint_auth_signing_alg: Cloudentity's default, ES256
        es256OnlyClient = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "private_key_jwt",
                "jwks", jwks)).get("client_id");
        basicClient = (String) kit.createClient(WS, Map.of("client_secret", SECRET)).get("client_id");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(JWTAuthentication auth) {
        return server.postForm(tokenPath(WS), CC + "&" + URLUtils.serializeParameters(auth.toParameters()));
    }

    private static URI tokenEndpoint() {
        return URI.create(kit.issuer(WS) + "/oauth2/token");
    }

    private static String rs256(JWTClaimsSet claims) throws Exception {
        return sign(claims, JWSAlgorithm.RS256, rsa.getKeyID(), new RSASSASigner(rsa));
    }

    // ---- success with assertions made by the Nimbus OAuth SDK ----

    @Test
    void clientSecretJwtOfTheNimbusSdkAuthenticates() throws Exception {
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            assertToken(send(new ClientSecretJWT(new ClientID(secretJwtClient), tokenEndpoint(), alg,
                    new Secret(SECRET))));
        }
    }

    @Test
    void privateKeyJwtOfTheNimbusSdkAuthenticatesWithRsaAndEcKeys() throws Exception {
        assertToken(send(new PrivateKeyJWT(new ClientID(privateKeyClient), tokenEndpoint(), JWSAlgorithm.RS256,
                rsa.toRSAPrivateKey(), rsa.getKeyID(), null)));
        assertToken(send(new PrivateKeyJWT(new ClientID(es256OnlyClient), tokenEndpoint(), JWSAlgorithm.ES256,
                ec.toECPrivateKey(), ec.getKeyID(), null)));
        // without a kid the key is found by its type
        assertToken(send(new PrivateKeyJWT(new ClientID(es256OnlyClient), tokenEndpoint(), JWSAlgorithm.ES256,
                ec.toECPrivateKey(), null, null)));
        assertToken(send(new PrivateKeyJWT(new ClientID(privateKeyClient), tokenEndpoint(), JWSAlgorithm.RS256,
                rsa.toRSAPrivateKey(), null, null)));
        // with the client_id in the form too, when it is the same
        String assertion = rs256(kit.claims(privateKeyClient, WS).build());
        assertToken(kit.withAssertionAnd(WS, assertion, "&client_id=" + privateKeyClient));
    }

    @Test
    void theIssuerIsAnAudienceAsGoodAsTheTokenEndpoint() throws Exception {
        assertToken(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS).audience(kit.issuer(WS)).build())));
        assertToken(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS)
                .audience(List.of("https://someone.else.example", kit.issuer(WS) + "/oauth2/token")).build())));
    }

    @Test
    void introspectionAndRevocationAcceptTheSameAssertionsWithTheirOwnUrlAsAudience() throws Exception {
        String token = (String) TestServer.json(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS)
                .build()))).get("access_token");
        for (String audience : List.of(kit.issuer(WS) + "/oauth2/introspect", kit.issuer(WS) + "/oauth2/token",
                kit.issuer(WS))) {
            HttpResponse<String> introspected = server.postForm("/default/" + WS + "/oauth2/introspect", "token="
                    + token + "&client_assertion_type=" + ClientAuthKit.encode(ClientAuthKit.JWT_BEARER)
                    + "&client_assertion=" + rs256(kit.claims(privateKeyClient, WS).audience(audience).build()));
            assertThat(introspected.statusCode()).as(introspected.body()).isEqualTo(200);
            assertThat(TestServer.json(introspected)).containsEntry("active", true);
        }
        // the introspection endpoint's URL is no audience at the token endpoint, nor the revocation endpoint's
        assertError(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS)
                .audience(kit.issuer(WS) + "/oauth2/introspect").build())), 401, "invalid_client");
        HttpResponse<String> revoked = server.postForm("/default/" + WS + "/oauth2/revoke", "token=" + token
                + "&client_assertion_type=" + ClientAuthKit.encode(ClientAuthKit.JWT_BEARER) + "&client_assertion="
                + rs256(kit.claims(privateKeyClient, WS).audience(kit.issuer(WS) + "/oauth2/revoke").build()));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    }

    // ---- failures ----

    @Test
    void wrongSecretIsInvalidClient() throws Exception {
        assertError(send(new ClientSecretJWT(new ClientID(secretJwtClient), tokenEndpoint(), JWSAlgorithm.HS256,
                new Secret("not-the-secret-0123456789abcdefghijklmn"))), 401, "invalid_client");
    }

    @Test
    void rotatedSecretKeysAssertionsUntilRevoked() throws Exception {
        String client = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "client_secret_jwt",
                "client_secret", SECRET)).get("client_id");
        HttpResponse<String> rotated = kit.adminSend("POST", "/api/admin/default/clients/" + client
                + "/rotateSecret", Map.of());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String fresh = (String) TestServer.json(rotated).get("secret");
        assertToken(kit.withAssertion(WS, sign(kit.claims(client, WS).build(), JWSAlgorithm.HS256, null,
                new MACSigner(fresh))));
        assertToken(kit.withAssertion(WS, sign(kit.claims(client, WS).build(), JWSAlgorithm.HS256, null,
                new MACSigner(SECRET))));

        HttpResponse<String> revoked = kit.adminSend("POST", "/api/admin/default/clients/" + client
                + "/revokeRotatedSecrets", Map.of());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
        assertError(kit.withAssertion(WS, sign(kit.claims(client, WS).build(), JWSAlgorithm.HS256, null,
                new MACSigner(SECRET))), 401, "invalid_client");
        assertToken(kit.withAssertion(WS, sign(kit.claims(client, WS).build(), JWSAlgorithm.HS256, null,
                new MACSigner(fresh))));
    }

    @Test
    void expiredAssertionIsInvalidClient() throws Exception {
        Instant now = server.clock.instant();
        JWTClaimsSet expired = kit.claims(privateKeyClient, WS).issueTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.minusSeconds(300))).build();
        Map<String, Object> body = assertError(kit.withAssertion(WS, rs256(expired)), 401, "invalid_client");
        assertThat((String) body.get("error_description")).containsIgnoringCase("expired");
    }

    @Test
    void replayedAssertionIsInvalidClient() throws Exception {
        String assertion = rs256(kit.claims(privateKeyClient, WS).build());
        assertToken(kit.withAssertion(WS, assertion));
        Map<String, Object> body = assertError(kit.withAssertion(WS, assertion), 401, "invalid_client");
        assertThat((String) body.get("error_description")).contains("jti");
        // another assertion with the same jti is a replay too
        JWTClaimsSet first = kit.claims(secretJwtClient, WS).build();
        assertToken(kit.withAssertion(WS, sign(first, JWSAlgorithm.HS256, null, new MACSigner(SECRET))));
        JWTClaimsSet again = kit.claims(secretJwtClient, WS).jwtID(first.getJWTID()).build();
        assertError(kit.withAssertion(WS, sign(again, JWSAlgorithm.HS384, null, new MACSigner(
                (SECRET + SECRET).getBytes(StandardCharsets.UTF_8)))), 401, "invalid_client");
    }

    @Test
    void wrongAudienceIsInvalidClient() throws Exception {
        for (String audience : List.of("https://other.example/oauth2/token", server.baseUrl() + "/default/admin",
                server.baseUrl() + "/default/admin/oauth2/token")) {
            Map<String, Object> body = assertError(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS)
                    .audience(audience).build())), 401, "invalid_client");
            assertThat((String) body.get("error_description")).contains("aud");
        }
    }

    @Test
    void assertionLivingLongerThanAnHourIsInvalidClient() throws Exception {
        Instant now = server.clock.instant();
        Map<String, Object> body = assertError(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS)
                .expirationTime(Date.from(now.plus(Duration.ofHours(2)))).build())), 401, "invalid_client");
        assertThat((String) body.get("error_description")).contains("too long");
        // nor an hour and more between iat and exp
        assertError(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS)
                .issueTime(Date.from(now.minus(Duration.ofMinutes(61))))
                .expirationTime(Date.from(now.plusSeconds(60))).build())), 401, "invalid_client");
        // nor one not valid yet, nor issued in the future
        assertError(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS)
                .notBeforeTime(Date.from(now.plusSeconds(120))).build())), 401, "invalid_client");
        assertError(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS)
                .issueTime(Date.from(now.plusSeconds(120))).build())), 401, "invalid_client");
    }

    @Test
    void unknownKidOrKeyNotRegisteredIsInvalidClient() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        // the registered kid, signed by another key
        assertError(kit.withAssertion(WS, sign(kit.claims(privateKeyClient, WS).build(), JWSAlgorithm.RS256,
                "rsa-1", new RSASSASigner(stranger))), 401, "invalid_client");
        // a kid the client never registered
        assertError(kit.withAssertion(WS, sign(kit.claims(privateKeyClient, WS).build(), JWSAlgorithm.RS256,
                "rsa-2", new RSASSASigner(rsa))), 401, "invalid_client");
        // a tampered payload
        String good = rs256(kit.claims(privateKeyClient, WS).build());
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + Base64URL.encode(kit.claims(privateKeyClient, WS).build().toString())
                + "." + parts[2];
        assertError(kit.withAssertion(WS, forged), 401, "invalid_client");
    }

    @Test
    void unsignedOrMalformedAssertionIsInvalidClient() throws Exception {
        String claims = kit.claims(privateKeyClient, WS).build().toString();
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + Base64URL.encode(claims) + ".";
        assertError(kit.withAssertion(WS, none), 401, "invalid_client");
        assertError(kit.withAssertion(WS, "not-a-jwt"), 401, "invalid_client");
        assertError(kit.withAssertion(WS, "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln"), 401, "invalid_client");
        // the wrong assertion type, or a type without an assertion
        String assertion = rs256(kit.claims(privateKeyClient, WS).build());
        assertError(server.postForm(tokenPath(WS), CC + "&client_assertion_type=urn%3Aexample%3Aother"
                + "&client_assertion=" + assertion), 401, "invalid_client");
        assertError(server.postForm(tokenPath(WS), CC + "&client_assertion_type="
                + ClientAuthKit.encode(ClientAuthKit.JWT_BEARER)), 401, "invalid_client");
    }

    @Test
    void claimsThatDoNotNameTheClientAreInvalid() throws Exception {
        // iss is not sub
        assertError(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS).issuer(secretJwtClient).build())),
                401, "invalid_client");
        // no jti
        assertError(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS).jwtID(null).build())), 401,
                "invalid_client");
        // no exp
        assertError(kit.withAssertion(WS, rs256(kit.claims(privateKeyClient, WS).expirationTime(null).build())),
                401, "invalid_client");
        // an unknown client
        assertError(kit.withAssertion(WS, rs256(kit.claims("nosuchclient", WS).build())), 401, "invalid_client");
        // a form client_id that is not the assertion's subject
        assertError(kit.withAssertionAnd(WS, rs256(kit.claims(privateKeyClient, WS).build()), "&client_id="
                + secretJwtClient), 400, "invalid_request");
    }

    @Test
    void registeredSigningAlgorithmIsTheOnlyOneAccepted() throws Exception {
        assertToken(kit.withAssertion(WS, sign(kit.claims(es256OnlyClient, WS).build(), JWSAlgorithm.ES256,
                ec.getKeyID(), new ECDSASigner(ec))));
        assertError(kit.withAssertion(WS, rs256(kit.claims(es256OnlyClient, WS).build())), 401, "invalid_client");
        assertError(kit.withAssertion(WS, sign(kit.claims(es256OnlyClient, WS).build(), JWSAlgorithm.PS256,
                rsa.getKeyID(), new RSASSASigner(rsa))), 401, "invalid_client");
        // and the RS256 client: not PS256 with the same key, nor ES256
        assertError(kit.withAssertion(WS, sign(kit.claims(privateKeyClient, WS).build(), JWSAlgorithm.PS256,
                rsa.getKeyID(), new RSASSASigner(rsa))), 401, "invalid_client");
        assertError(kit.withAssertion(WS, sign(kit.claims(privateKeyClient, WS).build(), JWSAlgorithm.ES256,
                ec.getKeyID(), new ECDSASigner(ec))), 401, "invalid_client");
    }

    @Test
    void methodOtherThanTheRegisteredOneIsInvalidClient() throws Exception {
        // a client_secret_basic client signing with its secret
        assertError(kit.withAssertion(WS, sign(kit.claims(basicClient, WS).build(), JWSAlgorithm.HS256, null,
                new MACSigner(SECRET))), 401, "invalid_client");
        // a client_secret_jwt client with its secret in the form or in Basic
        assertError(server.postForm(tokenPath(WS), CC + "&client_id=" + secretJwtClient + "&client_secret=" + SECRET),
                401, "invalid_client");
        // a private_key_jwt client with an HMAC assertion keyed by... anything
        assertError(kit.withAssertion(WS, sign(kit.claims(privateKeyClient, WS).build(), JWSAlgorithm.HS256, null,
                new MACSigner(SECRET))), 401, "invalid_client");
        // a client_secret_jwt client with an RSA signature
        assertError(kit.withAssertion(WS, rs256(kit.claims(secretJwtClient, WS).build())), 401, "invalid_client");
        // the two secret methods stand for each other
        assertToken(server.postForm(tokenPath(WS), CC + "&client_id=" + basicClient + "&client_secret=" + SECRET));
    }

    @Test
    void assertionWithAnotherMethodIsInvalidRequest() throws Exception {
        String assertion = rs256(kit.claims(privateKeyClient, WS).build());
        String basic = "Basic " + Base64.getEncoder().encodeToString((basicClient + ":" + SECRET).getBytes());
        assertError(kit.withAssertion(WS, assertion, "Authorization", basic), 400, "invalid_request");
        assertError(kit.withAssertionAnd(WS, assertion, "&client_id=" + privateKeyClient + "&client_secret="
                + SECRET), 400, "invalid_request");
    }

    @Test
    void methodNotEnabledForTheWorkspaceIsInvalidClient() throws Exception {
        String ws = "assertions-off";
        kit.createWorkspace(ws, Map.of());
        Map<String, Object> jwks = new JWKSet(rsa.toPublicJWK()).toJSONObject();
        String client = (String) kit.createClient(ws, Map.of("token_endpoint_auth_method", "private_key_jwt",
                "jwks", jwks, "token_endpoint_auth_signing_alg", "RS256")).get("client_id");
        assertToken(kit.withAssertion(ws, rs256(kit.claims(client, ws).build())));

        kit.updateWorkspace(ws, Map.of("token_endpoint_auth_methods", List.of("client_secret_basic",
                "client_secret_post")));
        Map<String, Object> body = assertError(kit.withAssertion(ws, rs256(kit.claims(client, ws).build())), 401,
                "invalid_client");
        assertThat((String) body.get("error_description")).contains("private_key_jwt").contains("not enabled");
    }
}
