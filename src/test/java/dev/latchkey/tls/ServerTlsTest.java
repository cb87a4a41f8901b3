package dev.latchkey.tls;

import dev.latchkey.config.TlsOptions;
import dev.latchkey.testing.TestCertificates;
import dev.latchkey.testing.TestCertificates.Issued;
import dev.latchkey.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server's certificate from PEM files ({@code --tls-cert}, {@code --tls-key}): served over HTTPS, replaced
 * without a restart when the files change (and only once they read as a matching pair), and the key formats
 * that openssl and certbot write.
 */
class ServerTlsTest {

    @TempDir
    Path dir;

    private static void write(Path file, String text, int secondsFromNow) throws Exception {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsFromNow)));
    }

    private static X509Certificate served(TestServer server, HttpClient http) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri("/alive")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    @Test
    void pemCertificateIsServedAndARenewedOneIsPickedUpWithoutRestart() throws Exception {
        TestCertificates certificates = new TestCertificates();
        Issued first = certificates.selfSigned("CN=localhost", null, 2, "san=dns:localhost,ip:127.0.0.1");
        Issued second = certificates.selfSigned("CN=localhost, O=Renewed", null, 2, "san=dns:localhost");
        Path cert = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        write(cert, first.pem(), 0);
        write(key, certificates.privateKeyPem(first), 0);
        int port = TestServer.freePort();
        try (TestServer server = TestServer.start(port, c -> c.withTls(TlsOptions.files(cert, key))
                .withBaseUrl("https://localhost:" + port))) {
            ServerTls tls = server.server().tls().orElseThrow();
            HttpClient trustsFirst = server.httpsClient(null);
            assertThat(served(server, trustsFirst)).isEqualTo(first.certificate());
            assertThat(tls.reloadIfChanged()).isFalse();

            // the certificate is renewed first: with the old key it is no pair yet, and the old one stays
            write(cert, second.pem(), 60);
            assertThat(tls.reloadIfChanged()).isFalse();
            assertThat(served(server, HttpClient.newBuilder().sslContext(trustsFirst.sslContext()).build()))
                    .isEqualTo(first.certificate());

            write(key, certificates.privateKeyPem(second), 60);
            assertThat(tls.reloadIfChanged()).isTrue();
            assertThat(tls.certificate()).isEqualTo(second.certificate());
            assertThat(served(server, server.httpsClient(null))).isEqualTo(second.certificate());
        }
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();
    }

    private static boolean hasOpenssl() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void opensslKeyFormatsAreRead() throws Exception {
        assumeTrue(hasOpenssl(), "openssl is not installed");
        // SEC 1 EC key (BEGIN EC PRIVATE KEY), PKCS #1 RSA key (BEGIN RSA PRIVATE KEY), PKCS #8 (BEGIN PRIVATE KEY)
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.pem");
        openssl("req", "-new", "-x509", "-key", "ec.pem", "-subj", "/CN=localhost", "-days", "2", "-out", "ec.crt");
        openssl("genrsa", "-traditional", "-out", "rsa.pem", "2048");
        openssl("req", "-new", "-x509", "-key", "rsa.pem", "-subj", "/CN=localhost", "-days", "2", "-out", "rsa.crt");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "ec.pem", "-out", "ec8.pem");
        assertThat(Files.readString(dir.resolve("ec.pem"))).contains("BEGIN EC PRIVATE KEY");
        assertThat(Files.readString(dir.resolve("rsa.pem"))).contains("BEGIN RSA PRIVATE KEY");

        assertThat(PemFiles.read(dir.resolve("ec.crt"), dir.resolve("ec.pem")).key().getAlgorithm()).isEqualTo("EC");
        assertThat(PemFiles.read(dir.resolve("rsa.crt"), dir.resolve("rsa.pem")).key().getAlgorithm())
                .isEqualTo("RSA");
        assertThat(PemFiles.read(dir.resolve("ec.crt"), dir.resolve("ec8.pem")).chain()).hasSize(1);
        // a key that is not the certificate's
        assertThatThrownBy(() -> PemFiles.read(dir.resolve("rsa.crt"), dir.resolve("ec.pem")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PemFiles.read(dir.resolve("ec.crt"), dir.resolve("ec.crt")))
                .hasMessageContaining("no PEM private key");

        openssl("pkcs8", "-topk8", "-in", "ec.pem", "-out", "encrypted.pem", "-passout", "pass:secret");
        assertThatThrownBy(() -> PemFiles.read(dir.resolve("ec.crt"), dir.resolve("encrypted.pem")))
                .hasMessageContaining("encrypted");
    }
}
