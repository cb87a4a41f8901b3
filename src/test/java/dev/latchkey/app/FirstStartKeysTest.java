package dev.latchkey.app;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.testing.TestClock;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first start makes its workspaces' keys off the start-up path (issue 8): tokens requested at once
 * after the start, while the background generation may still run, are signed by a stored key that the
 * workspace's JWKS publishes; afterwards each of the five workspaces has its four initial keys, one set.
 */
class FirstStartKeysTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<HttpResponse<String>> token(int port, String path, String id, String secret) {
        return CompletableFuture.supplyAsync(() -> send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret)).build()));
    }

    @Test
    void tokensRightAfterTheFirstStartAreSignedByPublishedKeysAndEachWorkspaceGetsOneSetOfKeys(@TempDir Path data)
            throws Exception {
        int port = TestServer.freePort();
        LatchkeyConfig config = LatchkeyConfig.embedded(data).withPort(port).withBaseUrl("http://localhost:" + port);
        try (Latchkey latchkey = Latchkey.start(config, new TestClock(), SecureRandomness.strong())) {
            BootstrapCredentials c = latchkey.bootstrapCredentials().orElseThrow();
            var admin = token(port, "/default/admin", c.adminClientId(), c.adminClientSecret());
            var system = token(port, "/system/system", "system", c.systemClientSecret());
            Map<String, HttpResponse<String>> responses = Map.of("/default/admin", admin.join(),
                    "/system/system", system.join());

            latchkey.deferredKeys().join();
            for (var entry : responses.entrySet()) {
                HttpResponse<String> response = entry.getValue();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                SignedJWT jwt = SignedJWT.parse((String) TestServer.json(response).get("access_token"));
                JWKSet published = JWKSet.parse(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + entry.getKey() + "/.well-known/jwks.json")).build()).body());
                var key = published.getKeyByKeyId(jwt.getHeader().getKeyID());
                assertThat(key).as("the signing key is published").isInstanceOf(ECKey.class);
                assertThat(jwt.verify(new ECDSAVerifier((ECKey) key))).isTrue();
                // a ring built before the encryption keys existed was dropped when they were stored
                assertThat(published.getKeys()).extracting(k -> k.getKeyUse().identifier())
                        .containsExactlyInAnyOrder("sig", "sig", "enc", "enc");
            }
            List<Map<String, Object>> rows = latchkey.database().jdbi().withHandle(h -> h.createQuery("""
                            SELECT tenant_id, workspace_id, key_use, status, COUNT(*) AS n FROM workspace_keys
                            GROUP BY tenant_id, workspace_id, key_use, status""").mapToMap().list());
            assertThat(rows).hasSize(5 * 4).allSatisfy(row -> assertThat(((Number) row.get("n")).longValue())
                    .isEqualTo(1L));
        }
    }
}
