package dev.latchkey.cli;

import dev.latchkey.store.Database;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code latchkey migrate}: brings the database schema to this version and exits, for operators who run
 * migrations as a separate deployment step. {@code serve} migrates too; nodes starting together over one
 * PostgreSQL database migrate once (Flyway holds a database lock while it migrates).
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Migrate the database schema to this version, then exit.")
final class MigrateCommand implements Runnable {

    @Option(names = "--data", defaultValue = "${env:LATCHKEY_DATA:-./data}", description = "Data folder of the embedded database (env LATCHKEY_DATA, default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--db-url", defaultValue = "${env:LATCHKEY_DB_URL}", description = "JDBC URL (env LATCHKEY_DB_URL; default: embedded H2 in the data folder)")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:LATCHKEY_DB_USER}", description = "Database user (env LATCHKEY_DB_USER)")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:LATCHKEY_DB_PASSWORD}", description = "Database password (env LATCHKEY_DB_PASSWORD)")
    String dbPassword;

    @Override
    public void run() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        try (Database database = Database.open(dbUrl == null || dbUrl.isBlank() ? null : dbUrl, dbUser, dbPassword,
                data)) {
            System.out.println("latchkey: database schema at version " + database.schemaVersion()
                    + (database.isPostgres() ? " (PostgreSQL)" : " (embedded H2 in " + data + ")"));
        }
    }
}
