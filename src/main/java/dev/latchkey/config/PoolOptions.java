package dev.latchkey.config;

import java.time.Duration;

/**
 * The database connection pool (HikariCP): at most {@code maxSize} connections, at least {@code minIdle} kept
 * open when idle, and a request that waits longer than {@code connectionTimeout} for one fails (503 on
 * {@code /ready}, 500 elsewhere) instead of queueing without end. See docs/operations.md for sizing.
 *
 * @param maxSize           {@code --db-pool-size}, 1..1000
 * @param minIdle           {@code --db-pool-min-idle}, 0..maxSize (Hikari's default is a fixed pool: maxSize)
 * @param connectionTimeout {@code --db-connection-timeout}, 250 ms .. 10 min
 */
public record PoolOptions(int maxSize, int minIdle, Duration connectionTimeout) {

    public static final int DEFAULT_MAX_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    public PoolOptions {
        if (maxSize < 1 || maxSize > 1000) {
            throw new IllegalArgumentException("--db-pool-size must be between 1 and 1000, not " + maxSize);
        }
        if (minIdle < 0 || minIdle > maxSize) {
            throw new IllegalArgumentException("--db-pool-min-idle must be between 0 and --db-pool-size ("
                    + maxSize + "), not " + minIdle);
        }
        if (connectionTimeout == null || connectionTimeout.compareTo(Duration.ofMillis(250)) < 0
                || connectionTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("--db-connection-timeout must be between 250ms and 10m");
        }
    }

    /** 10 connections, all kept open, 5 s wait. */
    public static PoolOptions defaults() {
        return new PoolOptions(DEFAULT_MAX_SIZE, DEFAULT_MAX_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }
}
