package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.support.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code latchkey config export|import}: a tenant's configuration against a running server, so that it can
 * live in git. Authenticates as a client of the tenant's {@code system} workspace (client credentials; the
 * client needs {@code read_configuration} / {@code manage_configuration}) and calls
 * {@code /api/system/{tid}/configuration}. A refused call prints the server's error and exits 1.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Export or import a tenant's configuration through a running server's System API.",
        subcommands = {ConfigCommand.Export.class, ConfigCommand.Import.class})
final class ConfigCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Where the server is and who calls it. */
    static final class Server {

        /**
         * The client, made on first use: picocli builds every subcommand's options at each start (also
         * {@code serve}'s), and an HTTP client costs its selector thread and a few hundred classes (issue 8).
         */
        private static final class Http {
            static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }

        @Option(names = "--url", defaultValue = "${env:LATCHKEY_URL:-http://localhost:8080}", description = "Server base URL (env LATCHKEY_URL, default ${DEFAULT-VALUE})")
        String url;

        @Option(names = "--tenant", defaultValue = "${env:LATCHKEY_TENANT:-default}", description = "Tenant id (env LATCHKEY_TENANT, default ${DEFAULT-VALUE})")
        String tenant;

        @Option(names = "--client-id", defaultValue = "${env:LATCHKEY_CLIENT_ID}", description = "Client of the tenant's system workspace (env LATCHKEY_CLIENT_ID)")
        String clientId;

        @Option(names = "--client-secret", defaultValue = "${env:LATCHKEY_CLIENT_SECRET}", description = "Its secret (env LATCHKEY_CLIENT_SECRET)")
        String clientSecret;

        String token() {
            if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
                throw new IllegalArgumentException("--client-id and --client-secret (or LATCHKEY_CLIENT_ID and "
                        + "LATCHKEY_CLIENT_SECRET) are required");
            }
            String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                    + encode(clientSecret);
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/" + encode(tenant)
                    + "/system/oauth2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request refused (" + response.statusCode() + "): "
                        + response.body());
            }
            return Json.read(response.body(), JsonNode.class).path("access_token").asText();
        }

        HttpResponse<String> call(String method, String query, String body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/system/" + encode(tenant)
                    + "/configuration" + query)).header("Authorization", "Bearer " + token())
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return send(request);
        }

        private URI uri(String path) {
            return URI.create(url.replaceAll("/+$", "") + path);
        }

        private static HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return Http.CLIENT.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException("cannot reach the server: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    static String pretty(String json) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.read(json, JsonNode.class));
        } catch (IOException | RuntimeException e) {
            return json;
        }
    }

    static IllegalStateException refused(HttpResponse<String> response) {
        return new IllegalStateException("the server refused (" + response.statusCode() + "):\n"
                + pretty(response.body()));
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Print (or write) the configuration.")
    static final class Export implements Runnable {

        @Mixin
        Server server = new Server();

        @Option(names = "--workspace", description = "Only this workspace and what is in it")
        String workspace;

        @Option(names = "--with-secrets", description = "Include client secrets, workspace secrets, static users' passwords")
        boolean withSecrets;

        @Option(names = {"-o", "--output"}, description = "File to write (default: standard output)")
        Path output;

        @Override
        public void run() {
            String query = "?with_secrets=" + withSecrets + (workspace == null ? "" : "&workspace_id="
                    + Server.encode(workspace));
            HttpResponse<String> response = server.call("GET", query, null);
            if (response.statusCode() != 200) {
                throw refused(response);
            }
            String json = pretty(response.body()) + "\n";
            if (output == null) {
                System.out.print(json);
                return;
            }
            try {
                Files.writeString(output, json);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + output + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a configuration file: all or nothing; --dry-run prints what would change.")
    static final class Import implements Runnable {

        @Mixin
        Server server = new Server();

        @Option(names = "--mode", defaultValue = "fail", description = "For an entity that exists: fail, ignore or update (default ${DEFAULT-VALUE})")
        String mode;

        @Option(names = "--dry-run", description = "Change nothing; print what the import would do")
        boolean dryRun;

        @Parameters(index = "0", paramLabel = "FILE", description = "The configuration (JSON, as exported)")
        Path file;

        @Override
        public void run() {
            String body;
            try {
                body = Files.readString(file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
            HttpResponse<String> response = server.call("PUT", "?mode=" + Server.encode(mode) + "&dry_run=" + dryRun,
                    body);
            if (response.statusCode() == 200) {
                System.out.println(pretty(response.body()));
            } else if (response.statusCode() == 204) {
                System.out.println("latchkey: configuration imported into tenant " + server.tenant);
            } else {
                throw refused(response);
            }
        }
    }
}
