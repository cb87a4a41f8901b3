package dev.latchkey.app;

import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.support.Json;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.testing.TestClock;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.testing.TestServer.ADMIN_CLIENT_ID;
import static dev.latchkey.testing.TestServer.ADMIN_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart keeps everything: bootstrap does not run again, the stored configuration is unchanged, the
 * same credentials still work, tokens issued before still verify, and the published keys are the same.
 * A first start without configured secrets generates them and saves them for the operator (mode 0600).
 */
class RestartTest {

    private static final List<String> TABLES = List.of("settings", "tenants", "workspaces", "clients",
            "workspace_keys", "scopes", "services");

    @Test
    void restartKeepsDataKeysAndCredentialsAndDoesNotBootstrapAgain() {
        try (TestServer server = TestServer.start()) {
            assertThat(server.server().bootstrapCredentials()).isPresent();
            String tokenBefore = server.adminToken();
            String jwksBefore = jwks(server);
            Map<String, Long> countsBefore = counts(server);
            assertThat(countsBefore).containsEntry("tenants", 2L).containsEntry("workspaces", 5L);
            assertThat(countsBefore.get("clients")).isGreaterThanOrEqualTo(2L);
            assertThat(countsBefore.get("workspace_keys")).isPositive();

            server.restart();

            assertThat(server.server().bootstrapCredentials()).isEmpty();
            assertThat(counts(server)).isEqualTo(countsBefore);
            long defaults = server.server().database().jdbi().withHandle(h ->
                    h.createQuery("SELECT COUNT(*) FROM tenants WHERE id = 'default'").mapTo(Long.class).one());
            assertThat(defaults).isEqualTo(1L);

            HttpResponse<String> tenant = server.get("/api/admin/default/tenant",
                    "Authorization", "Bearer " + tokenBefore);
            assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(200);
            assertThat(TestServer.json(tenant)).containsEntry("id", "default");

            String tokenAfter = server.adminToken();
            assertThat(server.get("/api/admin/default/tenant", "Authorization", "Bearer " + tokenAfter)
                    .statusCode()).isEqualTo(200);
            assertThat(jwks(server)).isEqualTo(jwksBefore);
        }
    }

    @Test
    void firstStartWithoutConfiguredSecretsGeneratesAndSavesThem(@TempDir Path data) throws IOException {
        int port = TestServer.freePort();
        LatchkeyConfig config = LatchkeyConfig.embedded(data).withPort(port).withBaseUrl("http://localhost:" + port);
        Latchkey latchkey = Latchkey.start(config, new TestClock(), SecureRandomness.strong());
        try {
            Path file = data.resolve("bootstrap-credentials.json");
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            Map<?, ?> saved = Json.read(Files.readString(file), Map.class);
            String id = (String) saved.get("admin_client_id");
            String secret = (String) saved.get("admin_client_secret");
            assertThat(id).isNotBlank().isNotEqualTo(ADMIN_CLIENT_ID);
            assertThat(secret).isNotBlank().doesNotContain("configuration").isNotEqualTo(ADMIN_CLIENT_SECRET);
            assertThat(saved.get("admin_token_endpoint"))
                    .isEqualTo("http://localhost:" + port + "/default/admin/oauth2/token");
            assertThat((String) saved.get("system_client_secret")).isNotBlank().doesNotContain("configuration");

            BootstrapCredentials credentials = latchkey.bootstrapCredentials().orElseThrow();
            assertThat(credentials.adminGenerated()).isTrue();
            assertThat(credentials.systemGenerated()).isTrue();
            assertThat(credentials.adminClientId()).isEqualTo(id);
            assertThat(credentials.adminClientSecret()).isEqualTo(secret);

            HttpResponse<String> ok = post(port, "/default/admin/oauth2/token",
                    "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(TestServer.json(ok)).containsKey("access_token");

            HttpResponse<String> system = post(port, "/system/system/oauth2/token",
                    "grant_type=client_credentials&client_id=system&client_secret="
                            + saved.get("system_client_secret"));
            assertThat(system.statusCode()).as(system.body()).isEqualTo(200);

            HttpResponse<String> wrong = post(port, "/default/admin/oauth2/token",
                    "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret + "x");
            assertThat(wrong.statusCode()).isEqualTo(401);
        } finally {
            latchkey.close();
        }
    }

    private static HttpResponse<String> post(int port, String path, String form) {
        try {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(TestServer server) {
        HttpResponse<String> response = server.get("/default/admin/.well-known/jwks.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"keys\"");
        return response.body();
    }

    private static Map<String, Long> counts(TestServer server) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, server.server().database().jdbi().withHandle(h ->
                    h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one()));
        }
        return counts;
    }
}
