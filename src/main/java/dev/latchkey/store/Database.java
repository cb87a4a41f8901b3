package dev.latchkey.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The data source (HikariCP), schema migrations (Flyway) and the JDBI instance. The embedded default is
 * an H2 file database in the data folder; a {@code jdbc:postgresql:} URL selects PostgreSQL. One schema,
 * migrations written to run on both. Thread-safe.
 */
public final class Database implements Transactions, AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final StatementCounter statements = new StatementCounter();
    private final boolean postgres;
    private final String openTimes;

    private Database(HikariDataSource dataSource, String openTimes) {
        this.dataSource = dataSource;
        this.openTimes = openTimes;
        this.postgres = dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
        this.jdbi = Jdbi.create(dataSource);
        this.jdbi.setSqlLogger(statements);
    }

    /** Opens the database at {@code url} (or the embedded one in {@code dataDir}) and migrates it; default pool. */
    public static Database open(String url, String user, String password, Path dataDir) {
        return open(url, user, password, dataDir, 10, 10, 5_000);
    }

    /**
     * Opens the database at {@code url} (or the embedded one in {@code dataDir}) and migrates it, with a pool of
     * at most {@code poolSize} connections, {@code minIdle} of them kept open, and a wait for a connection of at
     * most {@code connectionTimeoutMillis}.
     */
    public static Database open(String url, String user, String password, Path dataDir, int poolSize, int minIdle,
                                long connectionTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        String created = "";
        boolean migrated = false;
        if (url == null || url.isBlank()) {
            Path file = dataDir.toAbsolutePath().resolve("latchkey");
            url = "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
            user = user == null ? EmbeddedTemplate.USER : user;
            password = password == null ? "" : password;
            // a new embedded database starts as the build's migrated copy (with its user sa, no password)
            if (user.equalsIgnoreCase(EmbeddedTemplate.USER) && password.isEmpty()
                    && EmbeddedTemplate.copyIfAbsent(file)) {
                migrated = EmbeddedTemplate.holdsTheScripts();
                created = migrated ? "from the template, Flyway not needed, " : "from the template, ";
            }
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(minIdle);
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("latchkey");
        config.setConnectionTimeout(connectionTimeoutMillis);
        config.setInitializationFailTimeout(10_000);
        long t0 = System.nanoTime();
        HikariDataSource dataSource = new HikariDataSource(config);
        long t1 = System.nanoTime();
        int applied;
        try {
            applied = migrated ? 0 : migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, created + "pool " + (t1 - t0) / 1_000_000 + " ms, migrations "
                + (System.nanoTime() - t1) / 1_000_000 + " ms (" + applied + " applied)");
    }

    /** Applies the migrations {@code dataSource} lacks (Flyway, {@code db/migration}); returns how many. */
    static int migrate(javax.sql.DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate().migrationsExecuted;
    }

    /** How long {@link #open} took to start the pool and to migrate, for the start-up log. */
    public String openTimes() {
        return openTimes;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public StatementCounter statements() {
        return statements;
    }

    /** The version of the last migration applied (Flyway's history). */
    public String schemaVersion() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT "version" FROM "flyway_schema_history" WHERE "success" = TRUE AND "version" IS NOT NULL
                        ORDER BY "installed_rank" DESC""").setMaxRows(1).mapTo(String.class).findOne().orElse("0"));
    }

    /** Publishes the pool's metrics (HikariCP's {@code hikaricp_*}: connections active, idle, pending, wait time). */
    public void monitor(io.micrometer.core.instrument.MeterRegistry registry) {
        dataSource.setMetricsTrackerFactory(
                new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
    }

    public boolean isPostgres() {
        return postgres;
    }

    /**
     * A connection of the pool (closing it gives it back), for a writer that runs plain JDBC instead of JDBI: the
     * audit writer's batches, whose per-statement machinery in JDBI ran as often as the statement itself but only a
     * few times a second, so never compiled hot (a quarter of the writer's time). Such a caller counts its
     * statements itself ({@link StatementCounter#executedOutsideJdbi}).
     */
    public java.sql.Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * A new connection outside the pool, for a listener that holds it for the life of the node (LISTEN):
     * it must not take one of the pool's connections from requests. The caller closes it.
     */
    public java.sql.Connection dedicatedConnection() throws SQLException {
        return java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(),
                dataSource.getPassword());
    }

    /** True when a connection can be had and answers a trivial query within a second. */
    public boolean reachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return jdbi.inTransaction(handle -> work.get());
    }

    /** True when {@code e} reports a unique-key violation (SQLState class 23505 on both databases). */
    public static boolean isDuplicateKey(RuntimeException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
