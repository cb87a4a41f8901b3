package dev.latchkey;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import rules of style.md, checked by reading the sources of src/main/java. A "reference" to a
 * package is an import of it or a fully qualified name of it in code (comments and string literals are
 * ignored), so that writing {@code io.helidon.X} inline does not dodge a rule.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final String ROOT = "dev.latchkey";
    private static final Set<String> DOMAIN =
            Set.of("tenant", "workspace", "client", "scope", "keys", "idp", "mfa", "ratelimit", "audit", "idempotency", "accesstoken", "grant", "session", "store",
                    "support", "config", "tls");
    private static final List<String> FORBIDDEN_IN_DOMAIN = List.of("io.helidon", "gg.jte", "picocli",
            ROOT + ".oauth", ROOT + ".http", ROOT + ".app");

    private static List<Source> sources;

    /** One main source file: its package below dev.latchkey ("" for the root), the code without comments. */
    record Source(Path path, String pkg, String simpleName, List<String> lines, List<String> imports, String code) {

        boolean in(String relativePackage) {
            return pkg.equals(relativePackage) || pkg.startsWith(relativePackage + ".");
        }

        /** True when this file imports or names a class of {@code qualifiedPackage} (or a sub-package). */
        boolean references(String qualifiedPackage) {
            for (String imported : imports) {
                if (imported.equals(qualifiedPackage) || imported.startsWith(qualifiedPackage + ".")) {
                    return true;
                }
            }
            return Pattern.compile("(?<![\\w.])" + Pattern.quote(qualifiedPackage) + "\\.[A-Za-z_]").matcher(code).find();
        }

        @Override
        public String toString() {
            return MAIN.relativize(path).toString();
        }
    }

    @BeforeAll
    static void read() throws IOException {
        assertThat(MAIN).isDirectory();
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Source> found = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                found.add(parse(file));
            }
            sources = found;
        }
    }

    private static Source parse(Path file) throws IOException {
        String text = Files.readString(file);
        List<String> lines = text.lines().toList();
        String code = stripCommentsAndStrings(text);
        Matcher pkg = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;").matcher(code);
        String qualified = pkg.find() ? pkg.group(1) : "";
        String relative = qualified.equals(ROOT) ? "" : qualified.startsWith(ROOT + ".")
                ? qualified.substring(ROOT.length() + 1) : qualified;
        List<String> imports = new ArrayList<>();
        Matcher imp = Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;").matcher(code);
        while (imp.find()) {
            imports.add(imp.group(1));
        }
        String name = file.getFileName().toString().replace(".java", "");
        // the package and import lines are accounted for above; what is left is the code proper
        String body = code.replaceAll("(?m)^\\s*(package|import)\\s+[^;]+;", "");
        return new Source(file, relative, name, lines, imports, body);
    }

    /** Blanks out comments, string and text-block literals and char literals, keeping line structure. */
    static String stripCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                out.append(s.substring(i, end).replaceAll("[^\n]", " "));
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
                out.append("\"\"").append(s.substring(i, end).replaceAll("[^\n]", ""));
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(c).append(c);
                i = Math.min(j + 1, s.length());
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static List<String> violations(Predicate<Source> applies, List<String> packages) {
        List<String> found = new ArrayList<>();
        for (Source source : sources) {
            if (!applies.test(source)) {
                continue;
            }
            for (String forbidden : packages) {
                if (source.references(forbidden)) {
                    found.add(source + " uses " + forbidden);
                }
            }
        }
        return found;
    }

    @Test
    void theScannerSeesTheSourcesAndTheirReferences() {
        assertThat(sources).hasSizeGreaterThan(50);
        Source latchkey = sources.stream().filter(s -> s.simpleName().equals("Latchkey")).findFirst().orElseThrow();
        assertThat(latchkey.pkg()).isEqualTo("app");
        assertThat(latchkey.references("io.helidon")).isTrue();
        assertThat(latchkey.references(ROOT + ".store")).isTrue();
        assertThat(latchkey.references("gg.jte")).isFalse();
        Source secretBox = sources.stream().filter(s -> s.simpleName().equals("SecretBox")).findFirst().orElseThrow();
        assertThat(secretBox.in("store")).isTrue();
        assertThat(secretBox.references("javax.crypto")).isTrue();
        String stripped = stripCommentsAndStrings("a /* io.helidon.X */ b // io.helidon.Y\n\"io.helidon.Z\" c");
        assertThat(stripped).doesNotContain("helidon").contains("a").contains("b").contains("c");
    }

    @Test
    void domainPackagesDoNotDependOnEdgesOrTheApplication() {
        assertThat(violations(s -> DOMAIN.stream().anyMatch(s::in), FORBIDDEN_IN_DOMAIN)).isEmpty();
    }

    @Test
    void jdbiIsUsedOnlyByJdbiRepositoriesAndTheStore() {
        assertThat(violations(s -> !s.in("store") && !s.simpleName().matches("Jdbi\\w*Repository"),
                List.of("org.jdbi"))).isEmpty();
    }

    @Test
    void lettuceIsUsedOnlyByRateLimitingAndTheStore() {
        assertThat(violations(s -> !s.in("ratelimit") && !s.in("store"),
                List.of("io.lettuce", "io.netty"))).isEmpty();
    }

    @Test
    void helidonIsUsedOnlyAtTheEdges() {
        assertThat(violations(s -> !s.in("app") && !s.in("http") && !s.in("oauth.endpoint") && !s.in("cli"),
                List.of("io.helidon"))).isEmpty();
    }

    @Test
    void onlyTheCommandLineDependsOnTheApplication() {
        assertThat(violations(s -> !s.in("app") && !s.in("cli"), List.of(ROOT + ".app"))).isEmpty();
    }

    @Test
    void managementServicesAreFrameworkFree() {
        assertThat(violations(s -> s.in("manage"), List.of("io.helidon", "gg.jte", "picocli", "org.jdbi",
                ROOT + ".http", ROOT + ".app"))).isEmpty();
    }

    @Test
    void consoleLogicIsFrameworkFree() {
        assertThat(violations(s -> s.in("console"), List.of("io.helidon", "gg.jte", "org.jdbi", ROOT + ".http",
                ROOT + ".app", ROOT + ".oauth"))).isEmpty();
    }

    @Test
    void grantsDoNotTouchJose() {
        assertThat(violations(s -> s.in("oauth.grant"), List.of("com.nimbusds.jose"))).isEmpty();
    }

    @Test
    void tokenEndpointsDoNotReachIntoTheStore() {
        assertThat(violations(s -> s.in("oauth.endpoint"), List.of(ROOT + ".store"))).isEmpty();
    }

    @Test
    void storeKnowsNoDomainPackage() {
        assertThat(violations(s -> s.in("store"), List.of(ROOT + ".tenant", ROOT + ".workspace", ROOT + ".client",
                ROOT + ".scope", ROOT + ".keys"))).isEmpty();
    }

    @Test
    void noMainFileExceeds400Lines() {
        List<String> tooLong = sources.stream().filter(s -> s.lines().size() > 400)
                .map(s -> s + " has " + s.lines().size() + " lines").toList();
        assertThat(tooLong).isEmpty();
    }

    @Test
    void timeComesFromTheInjectedClock() {
        Pattern wallClock = Pattern.compile(
                "\\b(Instant|LocalDateTime|OffsetDateTime|ZonedDateTime|LocalDate)\\s*\\.\\s*now\\s*\\(\\s*\\)"
                        + "|\\bSystem\\s*\\.\\s*currentTimeMillis\\s*\\(");
        List<String> found = new ArrayList<>();
        for (Source source : sources) {
            if (source.in("config") || source.in("cli")) {
                continue;
            }
            Matcher m = wallClock.matcher(source.code());
            while (m.find()) {
                found.add(source + ": " + m.group());
            }
        }
        assertThat(found).isEmpty();
    }
}
