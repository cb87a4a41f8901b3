package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.support.Json;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --log-format json}: every line on standard output is one JSON object with timestamp, level, logger,
 * thread and the formatted message, the access log included; a bad format or half a TLS pair is a usage error.
 */
class JsonLogsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        LogFormat.TEXT.apply();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList()) {
            parsed.add(Json.MAPPER.readTree(line));
        }
        return parsed;
    }

    @Test
    void everyLineIsAJsonObjectWithLevelLoggerAndMessage() throws Exception {
        LogFormat.JSON.apply();
        LoggerFactory.getLogger("dev.latchkey.test").warn("quote \" and {}", "argument",
                new IllegalStateException("boom"));
        try (TestServer server = TestServer.start()) {
            assertThat(server.get("/alive").statusCode()).isEqualTo(200);
            for (int i = 0; i < 100 && lines().stream().noneMatch(l -> l.path("logger").asText()
                    .equals("latchkey.access")); i++) {
                Thread.sleep(20);   // the access log is written by a background thread
            }
        }
        List<JsonNode> lines = lines();
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.path("timestamp").asText()).endsWith("Z");
            assertThat(line.path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(line.path("logger").asText()).isNotBlank();
            assertThat(line.has("message")).isTrue();
        });
        JsonNode warning = lines.stream().filter(l -> l.path("logger").asText().equals("dev.latchkey.test"))
                .findFirst().orElseThrow();
        assertThat(warning.path("level").asText()).isEqualTo("WARN");
        assertThat(warning.path("message").asText()).isEqualTo("quote \" and argument");
        assertThat(warning.path("exception").asText()).contains("IllegalStateException: boom");
        JsonNode access = lines.stream().filter(l -> l.path("logger").asText().equals("latchkey.access"))
                .findFirst().orElseThrow();
        assertThat(access.path("message").asText()).startsWith("127.0.0.1 GET /alive 200 ");
    }

    @Test
    void badLogFormatOrHalfATlsPairIsAUsageError() {
        assertThat(Main.run("serve", "--log-format", "xml")).isEqualTo(2);
        assertThat(Main.run("serve", "--tls-cert", "cert.pem")).isEqualTo(2);
        assertThat(Main.run("serve", "--tls-self-signed", "--tls-cert", "c.pem", "--tls-key", "k.pem"))
                .isEqualTo(2);
        assertThat(Main.run("serve", "--tls-cert", "/no/such/cert.pem", "--tls-key", "/no/such/key.pem"))
                .isEqualTo(2);
    }
}
