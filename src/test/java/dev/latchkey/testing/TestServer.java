package dev.latchkey.testing;

import dev.latchkey.app.Latchkey;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.support.Json;
import dev.latchkey.support.SecureRandomness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * A real Latchkey server on a free port for HTTP tests, with known bootstrap credentials and a
 * {@link TestClock}. Storage is a fresh embedded H2 database in a temporary folder, or, when the system
 * property {@code latchkey.test.db} is {@code postgres}, a fresh schema in the PostgreSQL database named
 * by {@code latchkey.test.pg.url} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code postgres}). {@link #restart()} keeps the data.
 */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN_CLIENT_ID = "c3rd84r9072fg9ug8dl0";
    public static final String ADMIN_CLIENT_SECRET = "test-admin-secret-0123456789abcdef";
    public static final String SYSTEM_CLIENT_SECRET = "test-system-secret-0123456789abcdef";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final TestClock clock = new TestClock();
    private final LatchkeyConfig config;
    private final String pgSchema;
    private Latchkey server;
    private HttpClient http;

    private TestServer(LatchkeyConfig config, String pgSchema) {
        this.config = config;
        this.pgSchema = pgSchema;
        this.server = started(config, clock);
        this.http = config.tls().enabled() ? httpsClient(null) : HTTP;
    }

    /**
     * A server on HTTPS with a self-signed certificate made at start (as {@code --tls-self-signed}), its base URL
     * {@code https://localhost:PORT}; {@link #send} and the other helpers trust that certificate.
     */
    public static TestServer startTls(java.util.function.UnaryOperator<LatchkeyConfig> customize) {
        int port = freePort();
        return start(port, c -> customize.apply(c.withTls(dev.latchkey.config.TlsOptions.generated())
                .withBaseUrl("https://localhost:" + port)));
    }

    /**
     * An HTTP client that trusts this server's current TLS certificate (and checks the host name against it)
     * and, when {@code clientKeys} is not null, presents the client certificate they hold.
     */
    public HttpClient httpsClient(javax.net.ssl.KeyManager[] clientKeys) {
        try {
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", server.tls().orElseThrow().certificate());
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            factory.init(trust);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(clientKeys, factory.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(context).build();
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestServer start() {
        return start(freePort());
    }

    public static TestServer start(int port) {
        return start(port, java.util.function.UnaryOperator.identity());
    }

    /**
     * Starts a server whose configuration {@code customize} may change. Rate limiting is off unless the
     * customizer turns it on ({@code config.withRateLimits("default")}): suites that make many
     * management calls would otherwise hit the free-tier limits.
     */
    public static TestServer start(int port, java.util.function.UnaryOperator<LatchkeyConfig> customize) {
        try {
            Path data = Files.createTempDirectory("latchkey-test");
            LatchkeyConfig config = LatchkeyConfig.embedded(data).withPort(port)
                    .withBaseUrl("http://localhost:" + port)
                    .withBootstrapSecrets(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, SYSTEM_CLIENT_SECRET)
                    .withRateLimits("off");
            config = customize.apply(config);
            String schema = null;
            if (usesPostgres()) {
                schema = "lk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                String url = pgUrl();
                try (var c = DriverManager.getConnection(url, pgUser(), "")) {
                    c.createStatement().execute("CREATE SCHEMA " + schema);
                }
                String key = Base64.getEncoder().encodeToString(new byte[32]).replace("A", "B");
                config = config.withDatabase(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                        pgUser(), "", key);
            }
            return new TestServer(config, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + pgUrl(), e);
        }
    }

    /**
     * A second node of this server's installation (PostgreSQL only): another port, the same public base URL
     * (as behind one load balancer: issuers are the same on both nodes), database schema and master key (and
     * data folder, which holds nothing else with PostgreSQL), its own clock. Requests through
     * {@link #uri} reach this node's own port. Closing it leaves the schema to this server.
     */
    public TestServer secondNode() {
        if (pgSchema == null) {
            throw new IllegalStateException("several nodes need PostgreSQL (-Dlatchkey.test.db=postgres)");
        }
        TestServer second = new TestServer(config.withPort(freePort()), null);
        // the nodes' clocks agree (as with NTP): the later-started node's test clock is ahead; bring both level
        java.time.Duration skew = java.time.Duration.between(clock.instant(), second.clock.instant());
        (skew.isNegative() ? second : this).clock.advance(skew.abs());
        return second;
    }

    public static boolean usesPostgres() {
        return "postgres".equals(System.getProperty("latchkey.test.db"));
    }

    private static String pgUrl() {
        return System.getProperty("latchkey.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    private static String pgUser() {
        return System.getProperty("latchkey.test.pg.user", "postgres");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A started server whose first start's deferred workspace keys are made (tests then see the database as
     * a finished first start leaves it, whatever the timing of the background generation).
     */
    private static Latchkey started(LatchkeyConfig config, TestClock clock) {
        Latchkey latchkey = Latchkey.start(config, clock, SecureRandomness.strong());
        latchkey.deferredKeys().join();
        return latchkey;
    }

    /** Stops the server and starts it again on the same port and data. */
    public void restart() {
        server.close();
        server = started(config, clock);
        http = config.tls().enabled() ? httpsClient(null) : HTTP;
    }

    public Latchkey server() {
        return server;
    }

    public LatchkeyConfig config() {
        return config;
    }

    public String baseUrl() {
        return config.baseUrl();
    }

    /** A URL of this node (its own port, whatever the public base URL shared by the nodes is). */
    public URI uri(String path) {
        String own = (config.tls().enabled() ? "https" : "http") + "://localhost:" + server.port();
        return URI.create(own + path);
    }

    /** POSTs a form body with the given headers (name, value, name, value...). */
    public HttpResponse<String> postForm(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        boolean hasType = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            hasType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!hasType) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        long length = request.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L);
        if (length > 64 * 1024 && !request.expectContinue()) {
            // As curl does for large bodies: the server can answer 413 before the body is sent. Without it
            // the server's early 413 races the upload and the client may see a closed connection instead.
            request = HttpRequest.newBuilder(request, (name, value) -> true).expectContinue(true).build();
        }
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An access token of the bootstrap admin application of {@code default/admin}. */
    public String adminToken() {
        return token("/default/admin/oauth2/token", ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, null);
    }

    /** A client_credentials token (client_secret_post); fails the test on anything but 200. */
    public String token(String tokenPath, String clientId, String secret, String scope) {
        String body = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret
                + (scope == null ? "" : "&scope=" + scope.replace(" ", "%20"));
        HttpResponse<String> response = postForm(tokenPath, body);
        if (response.statusCode() != 200) {
            throw new AssertionError("token request failed: " + response.statusCode() + " " + response.body());
        }
        return (String) json(response).get("access_token");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Closes each server that was started (null: never started), in the order given. */
    public static void closeAll(TestServer... servers) {
        for (TestServer server : servers) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public void close() {
        server.close();
        if (pgSchema != null) {
            try (var c = DriverManager.getConnection(pgUrl(), pgUser(), "")) {
                c.createStatement().execute("DROP SCHEMA " + pgSchema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
