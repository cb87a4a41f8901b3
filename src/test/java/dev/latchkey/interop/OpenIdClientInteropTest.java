package dev.latchkey.interop;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.testing.OidcFixture;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * panva's openid-client (an OpenID Certified relying party, run by Node.js from {@code interop/rp.mjs})
 * against a started Latchkey: discovery, authorization code with PKCE through the static IDP's login page
 * (driven over HTTP), ID token validation, userinfo, refresh with rotation, introspection, revocation.
 * Installs the pinned npm package on first use ({@code npm ci}); fails if Node.js is missing.
 */
class OpenIdClientInteropTest {

    private static final Path INTEROP = Path.of("interop");
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isDirectory(INTEROP.resolve("node_modules/openid-client"))) {
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(INTEROP.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(install.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(install.exitValue()).as(out).isZero();
        }
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void openidClientCompletesTheCodeFlowWithPkceUserinfoRefreshAndRevocation() throws Exception {
        OidcFixture rp = OidcFixture.create(server, "interop", "client_secret_basic", "");

        Map<String, Map<String, Object>> steps = run(Map.of("ISSUER", rp.issuer, "CLIENT_ID", rp.clientId,
                "CLIENT_SECRET", rp.clientSecret, "REDIRECT_URI", OidcFixture.REDIRECT_URI,
                "SCOPE", "openid profile email offline_access", "USERNAME", OidcFixture.USERNAME,
                "PASSWORD", OidcFixture.PASSWORD));

        assertThat(steps.get("discovery")).containsEntry("issuer", rp.issuer);
        assertThat(steps.get("login")).containsEntry("iss", rp.issuer);
        Map<String, Object> code = steps.get("code");
        assertThat((String) code.get("sub")).isNotBlank();
        assertThat(code).containsEntry("has_refresh_token", true);
        assertThat(steps.get("userinfo")).containsEntry("sub", code.get("sub"))
                .containsEntry("email", OidcFixture.EMAIL).containsEntry("name", "Alice Liddell");
        assertThat(steps.get("refresh")).containsEntry("rotated", true).containsEntry("sub", code.get("sub"));
        assertThat(steps.get("introspect")).containsEntry("active", true).containsEntry("sub", code.get("sub"));
        assertThat(steps.get("revocation")).containsEntry("refresh_refused", true)
                .containsEntry("access_token_active", false);
    }

    /** Runs rp.mjs with {@code env}; returns its steps by name, failing with its output if it fails. */
    private static Map<String, Map<String, Object>> run(Map<String, String> env) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "rp.mjs").directory(INTEROP.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("rp.mjs failed:\n" + out + err).isZero();
        Map<String, Map<String, Object>> steps = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : out.lines().filter(l -> l.startsWith("{")).toList()) {
            Map<String, Object> step = mapper.readValue(line, new TypeReference<>() {
            });
            steps.put((String) step.get("step"), step);
        }
        return steps;
    }
}
