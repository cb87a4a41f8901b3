package dev.latchkey.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.CRC32;

/**
 * The empty embedded database the build makes (issue 8: a first start on a fresh data folder spent about a
 * second, a quarter of the main thread's CPU time, in Flyway applying every migration to an empty H2 in a
 * cold JVM). {@link #main} runs the migrations once at build time ({@code process-classes}, pom.xml) and
 * stores the resulting H2 file in the jar as {@value #RESOURCE}, with the list of the migration scripts it
 * holds (name and CRC-32 each, {@value #MIGRATIONS}). A start whose H2 file does not exist yet copies it into
 * place (written beside it, then renamed: never a partial file, never over an existing one); if the scripts
 * on the class path are exactly those, Flyway has nothing to do and is not run, else (a template older than
 * the scripts, say after an IDE build) Flyway applies what the copy lacks. Without the resource (a jar
 * without it) Flyway migrates as before.
 */
public final class EmbeddedTemplate {

    static final String RESOURCE = "db/embedded/latchkey.mv.db";
    static final String MIGRATIONS = "db/embedded/migrations.txt";
    private static final String SCRIPTS = "db/migration/";
    /** The embedded database's user: H2 creates it with the database, so the template holds it. */
    static final String USER = "sa";

    private EmbeddedTemplate() {
    }

    /**
     * Copies the template to {@code base}{@code .mv.db} if no database exists there yet; false (nothing done)
     * if one does or the jar holds no template. The copy is written beside it and renamed into place, so an
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
                Files.move(partial, target); // a rename in the same folder; never over a database made meanwhile
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the embedded database " + target, e);
        }
    }

    /**
     * True if the template holds exactly the migration scripts on the class path (their names and CRC-32s
     * equal the list the build wrote beside it); false if they differ or cannot be listed.
     */
    static boolean holdsTheScripts() {
        try (InputStream recorded = EmbeddedTemplate.class.getClassLoader().getResourceAsStream(MIGRATIONS)) {
            String scripts = scripts();
            return recorded != null && scripts != null
                    && new String(recorded.readAllBytes(), StandardCharsets.UTF_8).equals(scripts);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The migration scripts on the class path, one line each ({@code name crc32}, sorted): from the jar's
     * directory (the CRCs it stores) or a folder of classes; null where neither.
     */
    static String scripts() throws IOException {
        URL folder = EmbeddedTemplate.class.getClassLoader().getResource(SCRIPTS);
        if (folder == null) {
            return null;
        }
        var lines = new TreeMap<String, Long>();
        if (folder.openConnection() instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                file.stream().filter(e -> e.getName().startsWith(SCRIPTS) && e.getName().endsWith(".sql"))
                        .forEach(e -> lines.put(e.getName().substring(SCRIPTS.length()), e.getCrc()));
            }
        } else if ("file".equals(folder.getProtocol())) {
            try (var files = Files.list(Path.of(URI.create(folder.toString())))) {
                for (Path script : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                    var crc = new CRC32();
                    crc.update(Files.readAllBytes(script));
                    lines.put(script.getFileName().toString(), crc.getValue());
                }
            }
        } else {
            return null;
        }
        var text = new StringBuilder();
        lines.forEach((name, crc) -> text.append(name).append(' ').append(crc).append('\n'));
        return text.toString();
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
        Files.writeString(output.resolveSibling(Path.of(MIGRATIONS).getFileName()), scripts());
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
