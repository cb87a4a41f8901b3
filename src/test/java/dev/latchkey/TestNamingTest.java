package dev.latchkey;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Surefire runs only classes named {@code *Test}: a test class named otherwise would silently never run.
 * This fails when a file under src/test declares tests but its name does not end in "Test".
 */
class TestNamingTest {

    @Test
    void everyClassWithTestsEndsInTest() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            List<String> misnamed = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().endsWith("Test.java"))
                    .filter(TestNamingTest::declaresTests)
                    .map(Path::toString).toList();
            assertThat(misnamed).isEmpty();
        }
    }

    private static boolean declaresTests(Path file) {
        try {
            String source = Files.readString(file);
            return source.contains("@Test") || source.contains("@ParameterizedTest") || source.contains("@Property");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
