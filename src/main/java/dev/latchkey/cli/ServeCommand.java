package dev.latchkey.cli;

import dev.latchkey.app.BootstrapCredentials;
import dev.latchkey.app.Latchkey;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.config.AuditSetting;
import dev.latchkey.config.PoolOptions;
import dev.latchkey.config.TlsOptions;
import dev.latchkey.keys.CryptoProvider;
import dev.latchkey.ratelimit.RateLimitSettings;
import dev.latchkey.ratelimit.RedisRateLimiter;
import dev.latchkey.support.GoDuration;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.TrustedProxies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code latchkey serve}: starts the server and runs until SIGTERM/SIGINT, then stops accepting, lets
 * in-flight requests finish and closes the database. Every option has a {@code LATCHKEY_*} environment
 * variable (docs/configuration.md).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the server.")
final class ServeCommand implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", defaultValue = "${env:LATCHKEY_PORT:-8080}", description = "HTTP(S) port (env LATCHKEY_PORT, default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "${env:LATCHKEY_HOST:-0.0.0.0}", description = "Address to bind (env LATCHKEY_HOST, default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--data", defaultValue = "${env:LATCHKEY_DATA:-./data}", description = "Data folder (env LATCHKEY_DATA, default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--base-url", defaultValue = "${env:LATCHKEY_BASE_URL}", description = "Public base URL (env LATCHKEY_BASE_URL, default http://localhost:PORT, https:// with TLS)")
    String baseUrl;

    @Option(names = "--db-url", defaultValue = "${env:LATCHKEY_DB_URL}", description = "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/test (env LATCHKEY_DB_URL; default: embedded H2 in the data folder)")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:LATCHKEY_DB_USER}", description = "Database user (env LATCHKEY_DB_USER)")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:LATCHKEY_DB_PASSWORD}", description = "Database password (env LATCHKEY_DB_PASSWORD)")
    String dbPassword;

    @Option(names = "--db-pool-size", defaultValue = "${env:LATCHKEY_DB_POOL_SIZE:-10}", description = "Most database connections this node opens (env LATCHKEY_DB_POOL_SIZE, default ${DEFAULT-VALUE})")
    int dbPoolSize;

    @Option(names = "--db-pool-min-idle", defaultValue = "${env:LATCHKEY_DB_POOL_MIN_IDLE}", description = "Connections kept open when idle (env LATCHKEY_DB_POOL_MIN_IDLE, default: --db-pool-size, a fixed pool)")
    Integer dbPoolMinIdle;

    @Option(names = "--db-connection-timeout", defaultValue = "${env:LATCHKEY_DB_CONNECTION_TIMEOUT:-5s}", description = "Longest wait for a pooled connection, e.g. 5s or 500ms (env LATCHKEY_DB_CONNECTION_TIMEOUT, default ${DEFAULT-VALUE})")
    String dbConnectionTimeout;

    @Option(names = "--master-key-file", defaultValue = "${env:LATCHKEY_MASTER_KEY_FILE}", description = "File with the base64 master key (env LATCHKEY_MASTER_KEY_FILE; or LATCHKEY_MASTER_KEY)")
    Path masterKeyFile;

    @Option(names = "--max-body-bytes", defaultValue = "${env:LATCHKEY_MAX_BODY_BYTES:-1048576}", description = "Largest accepted request body (env LATCHKEY_MAX_BODY_BYTES, default ${DEFAULT-VALUE})")
    long maxBodyBytes;

    @Option(names = "--rate-limits", defaultValue = "${env:LATCHKEY_RATE_LIMITS:-default}", description = "Global rate limits: default (the free-tier table), off, or a JSON file (env LATCHKEY_RATE_LIMITS)")
    String rateLimits;

    @Option(names = "--redis-url", defaultValue = "${env:LATCHKEY_REDIS_URL}", description = "Redis for rate-limit buckets shared by all nodes, e.g. redis://127.0.0.1:6379 (env LATCHKEY_REDIS_URL; default: in memory on each node)")
    String redisUrl;

    @Option(names = "--trusted-proxies", defaultValue = "${env:LATCHKEY_TRUSTED_PROXIES}", description = "Comma-separated IP addresses or CIDR blocks of reverse proxies whose client certificate and forwarding headers (Forwarded, X-Forwarded-For) are believed (env LATCHKEY_TRUSTED_PROXIES; default: none)")
    String trustedProxies;

    @Option(names = "--tls-cert", defaultValue = "${env:LATCHKEY_TLS_CERT}", description = "PEM certificate chain, leaf first: serve HTTPS (env LATCHKEY_TLS_CERT; with --tls-key; re-read when the files change)")
    Path tlsCert;

    @Option(names = "--tls-key", defaultValue = "${env:LATCHKEY_TLS_KEY}", description = "PEM private key of --tls-cert (env LATCHKEY_TLS_KEY)")
    Path tlsKey;

    @Option(names = "--tls-self-signed", defaultValue = "${env:LATCHKEY_TLS_SELF_SIGNED:-false}", description = "Serve HTTPS with a certificate for localhost made at start (development; env LATCHKEY_TLS_SELF_SIGNED)")
    boolean tlsSelfSigned;

    @Option(names = "--log-format", defaultValue = "${env:LATCHKEY_LOG_FORMAT:-text}", description = "text or json: one JSON object per line (env LATCHKEY_LOG_FORMAT, default ${DEFAULT-VALUE})")
    String logFormat;

    @Option(names = "--audit", defaultValue = "${env:LATCHKEY_AUDIT:-on}", description = "on (every change and security event), security-off (changes only) or off (env LATCHKEY_AUDIT, default ${DEFAULT-VALUE})")
    String audit;

    @Option(names = "--crypto-provider", defaultValue = "${env:LATCHKEY_CRYPTO_PROVIDER:-auto}", description = "JCA provider that signs and verifies: auto (Amazon Corretto Crypto Provider where its native library loads, else the JDK's), accp (or no start), jdk (env LATCHKEY_CRYPTO_PROVIDER, default ${DEFAULT-VALUE})")
    String cryptoProvider;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, not " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new ParameterException(spec.commandLine(), "--max-body-bytes must be at least 1024");
        }
        if (baseUrl != null && !baseUrl.isBlank() && !baseUrl.matches("https?://.+")) {
            throw new ParameterException(spec.commandLine(), "--base-url must start with http:// or https://");
        }
        try {
            RateLimitSettings.parse(rateLimits);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--rate-limits: " + e.getMessage());
        }
        if (redisUrl != null && !redisUrl.isBlank()) {
            try {
                RedisRateLimiter.check(redisUrl);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--redis-url: " + e.getMessage());
            }
        }
        TrustedProxies proxies;
        try {
            proxies = TrustedProxies.parse(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--trusted-proxies: " + e.getMessage());
        }
        PoolOptions pool;
        try {
            pool = new PoolOptions(dbPoolSize, dbPoolMinIdle == null ? dbPoolSize : dbPoolMinIdle,
                    GoDuration.parse(dbConnectionTimeout.strip()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().startsWith("--") ? e.getMessage()
                    : "--db-connection-timeout: " + e.getMessage());
        }
        LogFormat format;
        try {
            format = LogFormat.parse(logFormat);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--log-format " + e.getMessage());
        }
        AuditSetting auditSetting;
        try {
            auditSetting = AuditSetting.parse(audit);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--audit " + e.getMessage());
        }
        TlsOptions tls;
        try {
            tls = new TlsOptions(Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey), tlsSelfSigned);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        for (Path file : new Path[] {tlsCert, tlsKey}) {
            if (file != null && !java.nio.file.Files.isReadable(file)) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file);
            }
        }
        try {
            CryptoProvider.configure(CryptoProvider.Choice.parse(cryptoProvider));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--crypto-provider " + e.getMessage());
        }
        if (format == LogFormat.JSON) {
            format.apply();
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        long started = System.nanoTime();
        LatchkeyConfig config = new LatchkeyConfig(port, host, data,
                baseUrl == null || baseUrl.isBlank() ? (tls.enabled() ? "https" : "http") + "://localhost:" + port
                        : baseUrl,
                Optional.ofNullable(dbUrl).filter(s -> !s.isBlank()), Optional.ofNullable(dbUser),
                Optional.ofNullable(dbPassword), env("LATCHKEY_MASTER_KEY"), Optional.ofNullable(masterKeyFile),
                env("LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_ID"), env("LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_SECRET"),
                env("LATCHKEY_SYSTEM_CLIENT_SECRET"), maxBodyBytes, rateLimits,
                Optional.ofNullable(redisUrl).filter(s -> !s.isBlank()), proxies, tls, pool, auditSetting,
                env("LATCHKEY_BOOTSTRAP_ADMIN_USERNAME"), env("LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD"));
        Latchkey server = Latchkey.start(config, Clock.systemUTC(), SecureRandomness.strong());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: finishing in-flight requests");
            server.close();
            stopped.countDown();
        }, "latchkey-shutdown"));
        server.bootstrapCredentials().ifPresent(c -> printCredentials(config, c));
        LOG.info("Latchkey listening on {}:{} ({}, base URL {}, {} database) in {} ms", config.host(), server.port(),
                tls.enabled() ? "HTTPS" : "HTTP",
                config.baseUrl(), server.database().isPostgres() ? "PostgreSQL" : "embedded H2",
                (System.nanoTime() - started) / 1_000_000);
        LOG.info("crypto provider: {}", server.cryptoProvider());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printCredentials(LatchkeyConfig config, BootstrapCredentials c) {
        System.out.println("First start: created tenants 'system' and 'default'.");
        System.out.println("  Admin API client (default/admin): client_id=" + c.adminClientId()
                + (c.adminGenerated() ? " client_secret=" + c.adminClientSecret() : " (secret from configuration)"));
        System.out.println("  System client (system/system):   client_id=system"
                + (c.systemGenerated() ? " client_secret=" + c.systemClientSecret() : " (secret from configuration)"));
        System.out.println("  Console administrator (" + config.baseUrl() + "/app/default/admin): username="
                + c.consoleUsername() + (c.consolePasswordGenerated() ? " password=" + c.consolePassword()
                : " (password from configuration)"));
        if (c.adminGenerated() || c.systemGenerated() || c.consolePasswordGenerated()) {
            System.out.println("  Saved to " + config.dataDir().resolve("bootstrap-credentials.json")
                    + " (mode 0600). They are not printed again.");
        }
        System.out.flush();
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(s -> !s.isBlank());
    }
}
