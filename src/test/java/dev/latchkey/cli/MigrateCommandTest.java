package dev.latchkey.cli;

import dev.latchkey.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code latchkey migrate}: creates or upgrades the schema and exits; idempotent; bad URL is a failure. */
class MigrateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @TempDir
    Path data;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

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
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(expected).contains("embedded H2");
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
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("latchkey: ").hasLineCount(1);
    }
}
