package dev.latchkey.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The empty embedded database the build makes (issue 8: a first start on a fresh data folder spent about a
 * second, a quarter of the main thread's CPU time, in Flyway applying every migration to an empty H2 in a
 * cold JVM). {@link #main} runs the migrations once at build time ({@code process-classes}, pom.xml) and
 * stores the resulting H2 file in the jar as {@value #RESOURCE}; a start whose H2 file does not exist yet
 * copies it into place and Flyway, which still runs, finds every migration applied. Without the resource
 * (an IDE build, a jar without it) Flyway migrates as before.
 */
public final class EmbeddedTemplate {

    static final String RESOURCE = "db/embedded/latchkey.mv.db";
    /** The embedded database's user: H2 creates it with the database, so the template holds it. */
    static final String USER = "sa";

    private EmbeddedTemplate() {
    }

    /**
     * Copies the template to {@code base}{@code .mv.db} if no database exists there yet; false (nothing done)
     * if one does or the jar holds no template. The copy is written beside it and moved into place, so an
     * interrupted copy leaves no partial database.
     */
    static boolean copyIfAbsent(Path base) {
        Path target = base.resolveSibling(base.getFileName() + ".mv.db");
        if (Files.exists(target)) {
            return false;
        }
        try (InputStream template = EmbeddedTemplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (template == null) {
                return false;
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".latchkey-template", ".tmp");
            try {
                Files.copy(template, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the embedded database " + target, e);
        }
    }

    /** Build step: migrates a new H2 database with {@link Database#migrate} and writes it to {@code args[0]}. */
    public static void main(String[] args) throws IOException, SQLException {
        Path output = Path.of(args[0]);
        Path work = Files.createTempDirectory("latchkey-template");
        Path base = work.resolve("latchkey");
        String url = "jdbc:h2:file:" + base.toAbsolutePath();
        var dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser(USER);
        dataSource.setPassword("");
        int applied = Database.migrate(dataSource);
        try (var connection = DriverManager.getConnection(url, USER, "");
             var statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
        Files.createDirectories(output.getParent());
        Files.move(work.resolve("latchkey.mv.db"), output, StandardCopyOption.REPLACE_EXISTING);
        try (var left = Files.list(work)) {
            for (Path file : left.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(work);
        System.out.println("embedded database template: " + applied + " migrations, " + Files.size(output)
                + " bytes, " + output);
    }
}
