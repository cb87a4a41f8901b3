package dev.latchkey.config;

import dev.latchkey.support.TrustedProxies;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything the server is configured with, resolved once at start from command-line options and
 * {@code LATCHKEY_*} environment variables (see docs/configuration.md). Immutable.
 *
 * @param port                 HTTP port (0 picks a free one)
 * @param host                 address to bind
 * @param dataDir              folder of the embedded database, generated master key and bootstrap credentials
 * @param baseUrl              public base URL; workspace issuers are {@code baseUrl/tid/aid}
 * @param dbUrl                JDBC URL; empty means the embedded H2 file database under {@code dataDir}
 * @param dbUser               database user (PostgreSQL)
 * @param dbPassword           database password (PostgreSQL)
 * @param masterKey            base64 of 32 bytes encrypting secrets at rest, if given
 * @param masterKeyFile        file holding that key, if given
 * @param bootstrapAdminClientId     client id of the {@code default/admin} application created at bootstrap
 * @param bootstrapAdminClientSecret its secret
 * @param systemClientSecret   secret of the built-in {@code system} client in {@code system/system}
 * @param maxBodyBytes         request bodies larger than this are refused with 413
 * @param rateLimits           {@code default} (the seed's free-tier table), {@code off}, or a JSON file of limits
 * @param redisUrl             Redis holding the rate-limit buckets shared by all nodes ({@code redis://host:port});
 *                             empty: buckets in memory on each node
 * @param trustedProxies       addresses of the reverse proxies whose client certificate header (RFC 8705 behind a
 *                             TLS-terminating proxy) and forwarding headers are believed; none by default
 * @param tls                  HTTPS on the port (PEM files or self-signed), or plain HTTP
 * @param pool                 the database connection pool's size and wait
 * @param audit                what the audit log records ({@link AuditSetting}; {@code on} by default)
 * @param bootstrapAdminUsername the console administrator bootstrap creates in {@code default/admin}
 * @param bootstrapAdminPassword its password (generated, printed once and saved when absent)
 */
public record LatchkeyConfig(
        int port,
        String host,
        Path dataDir,
        String baseUrl,
        Optional<String> dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        Optional<String> masterKey,
        Optional<Path> masterKeyFile,
        Optional<String> bootstrapAdminClientId,
        Optional<String> bootstrapAdminClientSecret,
        Optional<String> systemClientSecret,
        long maxBodyBytes,
        String rateLimits,
        Optional<String> redisUrl,
        TrustedProxies trustedProxies,
        TlsOptions tls,
        PoolOptions pool,
        AuditSetting audit,
        Optional<String> bootstrapAdminUsername,
        Optional<String> bootstrapAdminPassword) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public LatchkeyConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("base URL must start with http:// or https://");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("max body size must be at least 1024 bytes");
        }
        redisUrl = redisUrl == null ? Optional.empty() : redisUrl.filter(url -> !url.isBlank());
        trustedProxies = trustedProxies == null ? TrustedProxies.none() : trustedProxies;
        tls = tls == null ? TlsOptions.none() : tls;
        pool = pool == null ? PoolOptions.defaults() : pool;
        audit = audit == null ? AuditSetting.ON : audit;
        bootstrapAdminUsername = bootstrapAdminUsername == null ? Optional.empty() : bootstrapAdminUsername;
        bootstrapAdminPassword = bootstrapAdminPassword == null ? Optional.empty() : bootstrapAdminPassword;
    }

    /** True when the configuration points at an external (non-embedded) database. */
    public boolean externalDatabase() {
        return dbUrl.filter(url -> !url.isBlank() && !url.startsWith("jdbc:h2:")).isPresent();
    }

    /** A configuration for tests and tools: embedded database in {@code dataDir}, a random port. */
    public static LatchkeyConfig embedded(Path dataDir) {
        return new LatchkeyConfig(0, "127.0.0.1", dataDir, "http://localhost:8080", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), DEFAULT_MAX_BODY_BYTES, "default", Optional.empty(),
                TrustedProxies.none(), TlsOptions.none(), PoolOptions.defaults(), AuditSetting.ON, Optional.empty(), Optional.empty());
    }

    public LatchkeyConfig withPort(int newPort) {
        return new LatchkeyConfig(newPort, host, dataDir, baseUrl, dbUrl, dbUser, dbPassword, masterKey,
                masterKeyFile, bootstrapAdminClientId, bootstrapAdminClientSecret, systemClientSecret, maxBodyBytes, rateLimits, redisUrl, trustedProxies, tls, pool, audit, bootstrapAdminUsername, bootstrapAdminPassword);
    }

    public LatchkeyConfig withRateLimits(String setting) {
        return new LatchkeyConfig(port, host, dataDir, baseUrl, dbUrl, dbUser, dbPassword, masterKey,
                masterKeyFile, bootstrapAdminClientId, bootstrapAdminClientSecret, systemClientSecret, maxBodyBytes,
                setting, redisUrl, trustedProxies, tls, pool, audit, bootstrapAdminUsername, bootstrapAdminPassword);
    }

    public LatchkeyConfig withBaseUrl(String newBaseUrl) {
        return new LatchkeyConfig(port, host, dataDir, newBaseUrl, dbUrl, dbUser, dbPassword, masterKey,
                masterKeyFile, bootstrapAdminClientId, bootstrapAdminClientSecret, systemClientSecret, maxBodyBytes, rateLimits, redisUrl, trustedProxies, tls, pool, audit, bootstrapAdminUsername, bootstrapAdminPassword);
    }

    public LatchkeyConfig withDatabase(String url, String user, String password, String key) {
        return new LatchkeyConfig(port, host, dataDir, baseUrl, Optional.of(url), Optional.ofNullable(user),
                Optional.ofNullable(password), Optional.ofNullable(key), masterKeyFile, bootstrapAdminClientId,
                bootstrapAdminClientSecret, systemClientSecret, maxBodyBytes, rateLimits, redisUrl, trustedProxies, tls, pool, audit, bootstrapAdminUsername, bootstrapAdminPassword);
    }

    public LatchkeyConfig withBootstrapSecrets(String adminClientId, String adminSecret, String systemSecret) {
        return new LatchkeyConfig(port, host, dataDir, baseUrl, dbUrl, dbUser, dbPassword, masterKey,
                masterKeyFile, Optional.ofNullable(adminClientId), Optional.ofNullable(adminSecret),
                Optional.ofNullable(systemSecret), maxBodyBytes, rateLimits, redisUrl, trustedProxies, tls, pool, audit, bootstrapAdminUsername, bootstrapAdminPassword);
    }

    /** Shares rate-limit buckets through Redis at {@code url} ({@code redis://host:port}); null: in memory. */
    public LatchkeyConfig withRedisUrl(String url) {
        return new LatchkeyConfig(port, host, dataDir, baseUrl, dbUrl, dbUser, dbPassword, masterKey,
                masterKeyFile, bootstrapAdminClientId, bootstrapAdminClientSecret, systemClientSecret, maxBodyBytes,
                rateLimits, Optional.ofNullable(url), trustedProxies, tls, pool, audit, bootstrapAdminUsername, bootstrapAdminPassword);
    }

    /** Believes the client certificate header from these proxies only. */
    public LatchkeyConfig withTrustedProxies(TrustedProxies proxies) {
        return new LatchkeyConfig(port, host, dataDir, baseUrl, dbUrl, dbUser, dbPassword, masterKey,
                masterKeyFile, bootstrapAdminClientId, bootstrapAdminClientSecret, systemClientSecret, maxBodyBytes,
                rateLimits, redisUrl, proxies, tls, pool, audit, bootstrapAdminUsername, bootstrapAdminPassword);
    }

    /** Sizes the database connection pool. */
    public LatchkeyConfig withPool(PoolOptions options) {
        return new LatchkeyConfig(port, host, dataDir, baseUrl, dbUrl, dbUser, dbPassword, masterKey,
                masterKeyFile, bootstrapAdminClientId, bootstrapAdminClientSecret, systemClientSecret, maxBodyBytes,
                rateLimits, redisUrl, trustedProxies, tls, options, audit, bootstrapAdminUsername, bootstrapAdminPassword);
    }

    /** Serves HTTPS as {@code options} say (or plain HTTP with {@link TlsOptions#none()}). */
    public LatchkeyConfig withTls(TlsOptions options) {
        return new LatchkeyConfig(port, host, dataDir, baseUrl, dbUrl, dbUser, dbPassword, masterKey,
                masterKeyFile, bootstrapAdminClientId, bootstrapAdminClientSecret, systemClientSecret, maxBodyBytes,
                rateLimits, redisUrl, trustedProxies, options, pool, audit, bootstrapAdminUsername, bootstrapAdminPassword);
    }

    /** Records what {@code setting} says in the audit log. */
    public LatchkeyConfig withAudit(AuditSetting setting) {
        return new LatchkeyConfig(port, host, dataDir, baseUrl, dbUrl, dbUser, dbPassword, masterKey,
                masterKeyFile, bootstrapAdminClientId, bootstrapAdminClientSecret, systemClientSecret, maxBodyBytes,
                rateLimits, redisUrl, trustedProxies, tls, pool, setting, bootstrapAdminUsername, bootstrapAdminPassword);
    }

    /** The console administrator bootstrap creates (null: the default username, a generated password). */
    public LatchkeyConfig withBootstrapAdmin(String username, String password) {
        return new LatchkeyConfig(port, host, dataDir, baseUrl, dbUrl, dbUser, dbPassword, masterKey,
                masterKeyFile, bootstrapAdminClientId, bootstrapAdminClientSecret, systemClientSecret, maxBodyBytes,
                rateLimits, redisUrl, trustedProxies, tls, pool, audit, Optional.ofNullable(username),
                Optional.ofNullable(password));
    }
}
