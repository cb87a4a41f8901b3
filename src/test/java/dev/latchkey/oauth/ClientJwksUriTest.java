package dev.latchkey.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.latchkey.oauth.ClientAuthKit.assertError;
import static dev.latchkey.oauth.ClientAuthKit.assertToken;
import static dev.latchkey.oauth.ClientAuthKit.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code private_key_jwt} with the client's keys at its {@code jwks_uri}, served by a JDK HTTP server in the
 * test: fetched once and cached, fetched again when a key id is unknown (a rotation) but not more than once
 * per ten seconds, and again after five minutes; a jwks_uri that fails in any way is {@code invalid_client}.
 */
class ClientJwksUriTest {

    private static final String WS = "jwks-uri";

    static TestServer server;
    static ClientAuthKit kit;
    static HttpServer keys;
    static final AtomicReference<String> served = new AtomicReference<>();
    static final AtomicInteger fetches = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start();
        kit = new ClientAuthKit(server);
        kit.createWorkspace(WS, Map.of());
        keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keys.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            respond(exchange, 200, served.get());
        });
        keys.createContext("/error", exchange -> respond(exchange, 500, "{\"keys\": []}"));
        keys.createContext("/garbage", exchange -> respond(exchange, 200, "<html>not a JWK set</html>"));
        keys.createContext("/huge", exchange -> respond(exchange, 200, "{\"keys\": [], \"pad\": \""
                + "x".repeat(200_000) + "\"}"));
        keys.start();
    }

    @AfterAll
    static void stop() {
        keys.stop(0);
        server.close();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String keysUrl(String path) {
        return "http://127.0.0.1:" + keys.getAddress().getPort() + path;
    }

    private static String es256(String client, ECKey key) throws Exception {
        return sign(kit.claims(client, WS).build(), JWSAlgorithm.ES256, key.getKeyID(), new ECDSASigner(key));
    }

    @Test
    void keysAreFetchedCachedAndFetchedAgainOnAnUnknownKidAtMostEveryTenSeconds() throws Exception {
        ECKey first = new ECKeyGenerator(Curve.P_256).keyID("first").generate();
        ECKey second = new ECKeyGenerator(Curve.P_256).keyID("second").generate();
        served.set(new JWKSet(first.toPublicJWK()).toString());
        String client = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "private_key_jwt",
                "jwks_uri", keysUrl("/jwks"))).get("client_id");
        fetches.set(0);

        assertToken(kit.withAssertion(WS, es256(client, first)));
        assertToken(kit.withAssertion(WS, es256(client, first)));
        assertThat(fetches.get()).as("fetched once, then cached").isEqualTo(1);

        // the client rotates to a new key: the first assertion with it comes too soon after the last fetch
        served.set(new JWKSet(second.toPublicJWK()).toString());
        assertError(kit.withAssertion(WS, es256(client, second)), 401, "invalid_client");
        assertThat(fetches.get()).as("no fetch within ten seconds of the last").isEqualTo(1);

        server.clock.advance(Duration.ofSeconds(11));
        assertToken(kit.withAssertion(WS, es256(client, second)));
        assertThat(fetches.get()).as("the unknown kid made a new fetch").isEqualTo(2);
        // the retired key is gone, and asking for it again does not fetch again so soon
        assertError(kit.withAssertion(WS, es256(client, first)), 401, "invalid_client");
        assertThat(fetches.get()).isEqualTo(2);

        // after five minutes the set is fetched again even for a known key
        server.clock.advance(Duration.ofMinutes(6));
        assertToken(kit.withAssertion(WS, es256(client, second)));
        assertThat(fetches.get()).isEqualTo(3);
    }

    @Test
    void brokenJwksUriIsInvalidClient() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        int closedPort = TestServer.freePort();
        for (String uri : new String[] {keysUrl("/error"), keysUrl("/garbage"), keysUrl("/huge"),
                "http://127.0.0.1:" + closedPort + "/jwks", "file:///etc/passwd", "ftp://127.0.0.1/jwks"}) {
            String client = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "private_key_jwt",
                    "jwks_uri", uri)).get("client_id");
            assertError(kit.withAssertion(WS, es256(client, key)), 401, "invalid_client");
        }
    }

    @Test
    void noKeysAtAllIsInvalidClient() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
        String client = (String) kit.createClient(WS, Map.of("token_endpoint_auth_method", "private_key_jwt"))
                .get("client_id");
        assertError(kit.withAssertion(WS, es256(client, key)), 401, "invalid_client");
    }
}
