package dev.latchkey.store;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The empty embedded database the build makes (issue 8): the same schema and Flyway history as the
 * migrations make on a new H2, copied only where no database exists, and Flyway applies nothing after it.
 */
class EmbeddedTemplateTest {

    private static final String[] SCHEMA = {
        """
        SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE,
               COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'
        ORDER BY TABLE_NAME, ORDINAL_POSITION""",
        """
        SELECT INDEX_NAME, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, ORDERING_SPECIFICATION, IS_UNIQUE
        FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY INDEX_NAME, ORDINAL_POSITION""",
        """
        SELECT CONSTRAINT_NAME, CONSTRAINT_TYPE, TABLE_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS
        WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY CONSTRAINT_NAME""",
        """
        SELECT "version", "description", "type", "script", "checksum", "success" FROM "flyway_schema_history"
        ORDER BY "installed_rank\""""
    };

    @TempDir
    Path dir;

    @Test
    void theBuildsTemplateHasTheSchemaAndHistoryTheMigrationsMake() throws Exception {
        assertThat(EmbeddedTemplate.class.getClassLoader().getResource(EmbeddedTemplate.RESOURCE))
                .as("made by the build (process-classes)").isNotNull();
        JdbcDataSource migrated = h2(dir.resolve("migrated/latchkey"));
        assertThat(Database.migrate(migrated)).isPositive();

        Path copied = dir.resolve("copied/latchkey");
        assertThat(EmbeddedTemplate.copyIfAbsent(copied)).isTrue();
        JdbcDataSource template = h2(copied);

        for (String query : SCHEMA) {
            List<String> expected = rows(migrated, query);
            assertThat(expected).isNotEmpty();
            assertThat(rows(template, query)).as(query).isEqualTo(expected);
        }
        assertThat(Database.migrate(template)).isZero();
    }

    @Test
    void aNewEmbeddedDatabaseStartsFromTheTemplateAndAnExistingOneIsLeftAsItIs() throws Exception {
        Path data = dir.resolve("data");
        try (Database database = Database.open(null, null, null, data)) {
            assertThat(database.openTimes()).startsWith("from the template, Flyway not needed")
                    .contains("(0 applied)");
            assertThat(database.schemaVersion()).isEqualTo(latestScript());
            new Settings(database.jdbi()).insert("kept", "yes");
        }
        assertThat(EmbeddedTemplate.copyIfAbsent(data.resolve("latchkey"))).isFalse();
        try (Database database = Database.open(null, null, null, data)) {
            assertThat(database.openTimes()).doesNotContain("template");
            assertThat(new Settings(database.jdbi()).get("kept")).contains("yes");
        }
        try (var files = Files.list(data)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void theTemplateListsEveryMigrationScriptWithItsChecksum() throws Exception {
        assertThat(EmbeddedTemplate.holdsTheScripts()).isTrue();
        List<String> listed = EmbeddedTemplate.scripts().lines().map(l -> l.substring(0, l.indexOf(' '))).toList();
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(
                    files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void anEmbeddedDatabaseWithAnotherUserIsMadeByTheMigrations() {
        try (Database database = Database.open(null, "owner", "secret", dir.resolve("other"))) {
            assertThat(database.openTimes()).doesNotContain("template").doesNotContain("(0 applied)");
        }
    }

    private static String latestScript() throws Exception {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString())
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max(Integer::compare)
                    .map(String::valueOf).orElseThrow();
        }
    }

    private static JdbcDataSource h2(Path base) {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + base.toAbsolutePath());
        dataSource.setUser(EmbeddedTemplate.USER);
        dataSource.setPassword("");
        return dataSource;
    }

    private static List<String> rows(JdbcDataSource dataSource, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(result.getString(i)).append(" | ");
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
