package dev.latchkey.cli;

import dev.latchkey.testing.CapturedConsole;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latchkey config export|import} against a running server: export to a file, a dry run printing the
 * report, the real import, and a refused import exiting 1 with the server's error.
 */
class ConfigCommandTest {

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @TempDir
    Path dir;

    @Test
    void exportsAndImportsThroughTheSystemApi() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> created = server.send(HttpRequest.newBuilder(server.uri("/api/admin/default/clients"))
                    .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"tenant_id": "default", "authorization_server_id": "system", "client_name": "ci",
                             "grant_types": ["client_credentials"],
                             "scopes": ["manage_configuration", "read_configuration"]}""")).build());
            Map<String, Object> client = TestServer.json(created);
            String[] auth = {"--url", server.baseUrl(), "--tenant", "default",
                "--client-id", (String) client.get("client_id"), "--client-secret", (String) client.get("client_secret")};
            Path file = dir.resolve("default.json");

            assertThat(Main.run(concat(new String[] {"config", "export", "-o", file.toString()}, auth)))
                    .as(console.err()).isZero();
            ObjectNode dump = Json.read(Files.readString(file), ObjectNode.class);
            assertThat(dump.get("servers").size()).isGreaterThanOrEqualTo(2);
            assertThat(dump.toString()).doesNotContain("\"client_secret\"");

            ((ObjectNode) dump.get("servers").get(0)).put("description", "from git");
            Files.writeString(file, dump.toString());
            assertThat(Main.run(concat(new String[] {"config", "import", "--dry-run", "--mode", "update",
                file.toString()}, auth))).as(console.err()).isZero();
            String servers = dump.get("servers").get(0).get("id").asText();
            // the report, pretty-printed: only that workspace is updated (the server's own log lines may surround it)
            assertThat(console.out()).contains("\"updated\" : {\n    \"servers\" : [ \""
                    + servers + "\" ]\n  }");
            console.resetOut();

            assertThat(Main.run(concat(new String[] {"config", "import", "--mode", "update", file.toString()}, auth)))
                    .as(console.err()).isZero();
            assertThat(console.out()).contains("configuration imported");

            // mode fail (default) on existing entities: refused, exit 1, the server's error printed
            assertThat(Main.run(concat(new String[] {"config", "import", file.toString()}, auth))).isEqualTo(1);
            assertThat(console.err()).contains("409").contains("already exists");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
