package dev.latchkey.cli;

import dev.latchkey.testing.CapturedConsole;
import dev.latchkey.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code latchkey migrate}: creates or upgrades the schema and exits; idempotent; bad URL is a failure. */
class MigrateCommandTest {

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @TempDir
    Path data;

    private static String latestMigration() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max(Integer::compare)
                    .map(String::valueOf).orElseThrow();
        }
    }

    @Test
    void migratesAnEmptyEmbeddedDatabaseToTheLatestVersionAndAgainDoesNothing() throws Exception {
        assertThat(Main.run("migrate", "--data", data.toString())).isZero();
        String expected = "database schema at version " + latestMigration();
        assertThat(console.out()).contains(expected).contains("embedded H2");
        assertThat(Files.exists(data.resolve("latchkey.mv.db"))).isTrue();

        assertThat(Main.run("migrate", "--data", data.toString())).isZero();
        try (Database database = Database.open(null, null, null, data)) {
            assertThat(database.schemaVersion()).isEqualTo(latestMigration());
            // migrate creates the schema only: bootstrap (tenants, clients) is left to the first serve
            int tenants = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tenants")
                    .mapTo(Integer.class).one());
            assertThat(tenants).isZero();
        }
    }

    @Test
    void anUnreachableDatabaseFailsWithExitCode1AndOneLine() {
        int code = Main.run("migrate", "--db-url", "jdbc:postgresql://127.0.0.1:1/nothing", "--db-user", "x");
        assertThat(code).isEqualTo(1);
        assertThat(console.err()).startsWith("latchkey: ").hasLineCount(1);
    }
}
