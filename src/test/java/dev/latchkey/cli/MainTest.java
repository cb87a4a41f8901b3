package dev.latchkey.cli;

import dev.latchkey.testing.CapturedConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's exit codes: 0 ok, 1 failure, 2 usage error, with a one-line message on errors. */
class MainTest {

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @TempDir
    Path data;

    @Test
    void versionPrintsTheVersion() {
        assertThat(Main.run("--version")).isZero();
        assertThat(console.out()).startsWith("latchkey ");
    }

    @Test
    void helpPrintsUsage() {
        assertThat(Main.run("--help")).isZero();
        assertThat(console.out()).contains("Usage: latchkey").contains("serve");
    }

    @Test
    void serveHelpListsTheOptions() {
        assertThat(Main.run("serve", "--help")).isZero();
        assertThat(console.out()).contains("--port").contains("--data").contains("--base-url").contains("--trusted-proxies");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(Main.run("--bogus")).isEqualTo(2);
        assertThat(console.err()).startsWith("latchkey: ").contains("--bogus").contains("latchkey --help");
        assertThat(console.err().strip().lines()).hasSize(1);
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(Main.run("frobnicate")).isEqualTo(2);
        assertThat(console.err()).startsWith("latchkey: ");
    }

    @Test
    void nonNumericPortIsAUsageError() {
        assertThat(Main.run("serve", "--port", "abc", "--data", data.toString())).isEqualTo(2);
        assertThat(console.err()).startsWith("latchkey: ").contains("abc");
        assertThat(console.err().strip().lines()).hasSize(1);
    }

    @Test
    void portOutOfRangeFailsBeforeStarting() {
        int code = Main.run("serve", "--port", "70000", "--data", data.toString());
        assertThat(code).isEqualTo(2);
        assertThat(console.err()).startsWith("latchkey: ").contains("port");
        assertThat(data).isEmptyDirectory();
    }

    @Test
    void badTrustedProxyIsAUsageErrorBeforeStarting() {
        int code = Main.run("serve", "--trusted-proxies", "10.0.0.0/8,proxy.example.com", "--data", data.toString());
        assertThat(code).isEqualTo(2);
        assertThat(console.err()).startsWith("latchkey: ").contains("--trusted-proxies").contains("proxy.example.com");
        assertThat(console.err().strip().lines()).hasSize(1);
        assertThat(data).isEmptyDirectory();

        assertThat(Main.run("serve", "--trusted-proxies", "10.0.0.0/33", "--data", data.toString())).isEqualTo(2);
        assertThat(console.err()).contains("prefix length");
    }

    @Test
    void badPoolOptionsAreUsageErrorsBeforeStarting() {
        assertThat(Main.run("serve", "--db-pool-size", "0", "--data", data.toString())).isEqualTo(2);
        assertThat(console.err()).startsWith("latchkey: ").contains("--db-pool-size");
        assertThat(Main.run("serve", "--db-pool-size", "4", "--db-pool-min-idle", "5", "--data", data.toString()))
                .isEqualTo(2);
        assertThat(console.err()).contains("--db-pool-min-idle");
        assertThat(Main.run("serve", "--db-connection-timeout", "5 seconds", "--data", data.toString())).isEqualTo(2);
        assertThat(console.err()).contains("--db-connection-timeout");
        assertThat(Main.run("serve", "--db-connection-timeout", "100ms", "--data", data.toString())).isEqualTo(2);
        assertThat(console.err().strip().lines()).hasSize(4);
        assertThat(data).isEmptyDirectory();
    }
}
