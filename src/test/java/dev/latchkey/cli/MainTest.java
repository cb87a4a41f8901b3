package dev.latchkey.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's exit codes: 0 ok, 1 failure, 2 usage error, with a one-line message on errors. */
class MainTest {

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

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionPrintsTheVersion() {
        assertThat(Main.run("--version")).isZero();
        assertThat(out()).startsWith("latchkey ");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(Main.run("--help")).isZero();
        assertThat(out()).contains("Usage: latchkey").contains("serve");
    }

    @Test
    void serveHelpListsTheOptions() {
        assertThat(Main.run("serve", "--help")).isZero();
        assertThat(out()).contains("--port").contains("--data").contains("--base-url").contains("--trusted-proxies");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(Main.run("--bogus")).isEqualTo(2);
        assertThat(err()).startsWith("latchkey: ").contains("--bogus").contains("latchkey --help");
        assertThat(err().strip().lines()).hasSize(1);
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(Main.run("frobnicate")).isEqualTo(2);
        assertThat(err()).startsWith("latchkey: ");
    }

    @Test
    void nonNumericPortIsAUsageError() {
        assertThat(Main.run("serve", "--port", "abc", "--data", data.toString())).isEqualTo(2);
        assertThat(err()).startsWith("latchkey: ").contains("abc");
        assertThat(err().strip().lines()).hasSize(1);
    }

    @Test
    void portOutOfRangeFailsBeforeStarting() {
        int code = Main.run("serve", "--port", "70000", "--data", data.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("latchkey: ").contains("port");
        assertThat(data).isEmptyDirectory();
    }

    @Test
    void badTrustedProxyIsAUsageErrorBeforeStarting() {
        int code = Main.run("serve", "--trusted-proxies", "10.0.0.0/8,proxy.example.com", "--data", data.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).startsWith("latchkey: ").contains("--trusted-proxies").contains("proxy.example.com");
        assertThat(err().strip().lines()).hasSize(1);
        assertThat(data).isEmptyDirectory();

        assertThat(Main.run("serve", "--trusted-proxies", "10.0.0.0/33", "--data", data.toString())).isEqualTo(2);
        assertThat(err()).contains("prefix length");
    }
}
