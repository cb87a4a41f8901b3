package dev.latchkey.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Files of webjars on the classpath (Swagger UI, htmx), and their versions read from the jars' Maven properties. */
public final class Webjars {

    private Webjars() {
    }

    /** The version of the webjar {@code groupId:artifactId} on the classpath; missing, the server cannot start. */
    public static String version(String groupId, String artifactId) {
        String name = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = Webjars.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(groupId + ":" + artifactId + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
