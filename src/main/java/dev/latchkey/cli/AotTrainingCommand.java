package dev.latchkey.cli;

import dev.latchkey.app.BootstrapCredentials;
import dev.latchkey.app.Latchkey;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.support.SecureRandomness;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code latchkey aot-training} (hidden): the training run of the JDK's ahead-of-time cache (JEP 483/514,
 * JDK 25+). The launcher runs it once per build with {@code -XX:AOTCacheOutput}; it starts a server on a
 * throw-away embedded database, requests a token and stops, so that the cache holds the classes a real
 * start and a token request load. Later starts map that cache and take about a second instead of 2.5.
 */
@Command(name = "aot-training", hidden = true, description = "Training run for the JDK's AOT cache.")
final class AotTrainingCommand implements Runnable {

    @Override
    public void run() {
        Path data;
        try {
            data = Files.createTempDirectory("latchkey-aot");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LatchkeyConfig config = LatchkeyConfig.embedded(data).withBaseUrl("http://127.0.0.1");
        try (Latchkey server = Latchkey.start(config, Clock.systemUTC(), SecureRandomness.strong())) {
            BootstrapCredentials c = server.bootstrapCredentials().orElseThrow();
            String basic = Base64.getEncoder().encodeToString((c.adminClientId() + ":" + c.adminClientSecret())
                    .getBytes(StandardCharsets.UTF_8));
            URI token = URI.create("http://127.0.0.1:" + server.port() + "/default/admin/oauth2/token");
            HttpRequest withBasic = HttpRequest.newBuilder(token)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            // client_secret_post too (what scripts and the benchmarks send), a few times each, so that the
            // cache's method profiles (JEP 515) cover the common token request of either kind
            HttpRequest withPost = HttpRequest.newBuilder(token)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                            + URLEncoder.encode(c.adminClientId(), StandardCharsets.UTF_8) + "&client_secret="
                            + URLEncoder.encode(c.adminClientSecret(), StandardCharsets.UTF_8))).build();
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 20; i++) {
                for (HttpRequest request : List.of(withBasic, withPost)) {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("training token request failed: " + response.statusCode());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is harmless
            }
        }
    }
}
