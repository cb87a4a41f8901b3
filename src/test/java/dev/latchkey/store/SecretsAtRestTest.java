package dev.latchkey.store;

import dev.latchkey.app.Latchkey;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.testing.TestClock;
import dev.latchkey.testing.TestServer;
import dev.latchkey.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static dev.latchkey.testing.TestServer.ADMIN_CLIENT_SECRET;
import static dev.latchkey.testing.TestServer.SYSTEM_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Design §4: client secrets, workspace secrets and private keys are stored only encrypted under the
 * master key; a node started with another master key refuses to start instead of failing later.
 */
class SecretsAtRestTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void noPlaintextSecretIsStored() {
        try (TestServer server = TestServer.start()) {
            var jdbi = server.server().database().jdbi();
            List<String> clientDocs = jdbi.withHandle(h -> h.createQuery("SELECT doc FROM clients")
                    .mapTo(String.class).list());
            List<String> workspaceDocs = jdbi.withHandle(h -> h.createQuery("SELECT doc FROM workspaces")
                    .mapTo(String.class).list());
            List<String> keyDocs = jdbi.withHandle(h -> h.createQuery("SELECT doc FROM workspace_keys")
                    .mapTo(String.class).list());
            List<String> privateParts = jdbi.withHandle(h -> h.createQuery("SELECT private_enc FROM workspace_keys")
                    .mapTo(String.class).list());
            List<String> settings = jdbi.withHandle(h -> h.createQuery("SELECT setting_value FROM settings")
                    .mapTo(String.class).list());

            assertThat(clientDocs).hasSizeGreaterThanOrEqualTo(2);
            assertThat(workspaceDocs).hasSize(5);
            assertThat(keyDocs).isNotEmpty();
            for (List<String> column : List.of(clientDocs, workspaceDocs, keyDocs, privateParts, settings)) {
                assertThat(column).allSatisfy(value -> assertThat(value)
                        .doesNotContain(ADMIN_CLIENT_SECRET).doesNotContain(SYSTEM_CLIENT_SECRET));
            }
            // every client with a secret has it sealed (the console is a public client: no secret at all)
            assertThat(clientDocs).filteredOn(doc -> !doc.contains("\"client_secret\":\"\""))
                    .hasSizeGreaterThanOrEqualTo(2).allSatisfy(doc -> assertThat(doc).contains("\"v1."));
            assertThat(keyDocs).allSatisfy(doc -> assertThat(doc).doesNotContain("\"d\":")
                    .doesNotContain("\"p\":").doesNotContain("\"q\":"));
            assertThat(privateParts).allSatisfy(value -> assertThat(value).startsWith("v1.")
                    .doesNotContain("\"d\"").doesNotContain("{"));

            // the workspace secret (random, so read back through the repository) is not in its row either
            Workspace admin = server.server().parts().workspaces().find("default", "admin").orElseThrow();
            assertThat(admin.secret()).hasSize(32);
            String adminDoc = jdbi.withHandle(h -> h.createQuery(
                    "SELECT doc FROM workspaces WHERE tenant_id = 'default' AND id = 'admin'").mapTo(String.class).one());
            assertThat(adminDoc).doesNotContain(admin.secret()).contains("\"v1.");
        }
    }

    @Test
    void embeddedDatabaseFileHoldsNoPlaintextSecret() throws IOException {
        assumeFalse(TestServer.usesPostgres(), "the embedded database only");
        TestServer server = TestServer.start();
        Path data = server.config().dataDir();
        server.close();
        try (var files = Files.list(data)) {
            List<Path> databaseFiles = files.filter(f -> f.getFileName().toString().startsWith("latchkey")).toList();
            assertThat(databaseFiles).isNotEmpty();
            for (Path file : databaseFiles) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(ADMIN_CLIENT_SECRET)
                        .doesNotContain(SYSTEM_CLIENT_SECRET);
            }
        }
    }

    @Test
    void startingWithAnotherMasterKeyFails(@TempDir Path data) throws IOException {
        LatchkeyConfig config = LatchkeyConfig.embedded(data).withPort(TestServer.freePort());
        Latchkey.start(config, new TestClock(), SecureRandomness.strong()).close();
        Path keyFile = data.resolve("master.key");
        assertThat(keyFile).exists();
        String original = Files.readString(keyFile);

        Files.writeString(keyFile, randomKey() + "\n");
        assertThatThrownBy(() -> Latchkey.start(config, new TestClock(), SecureRandomness.strong()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master key");

        // the refused start changed nothing: with the right key the same data starts again
        Files.writeString(keyFile, original);
        Latchkey again = Latchkey.start(config, new TestClock(), SecureRandomness.strong());
        try {
            assertThat(again.bootstrapCredentials()).isEmpty();
        } finally {
            again.close();
        }
    }

    @Test
    void secretBoxRoundTrips() {
        SecretBox box = new SecretBox(key(), RANDOM);
        String sealed = box.encrypt("s3cret välue", "client-secret:default/abc");
        assertThat(sealed).startsWith("v1.").doesNotContain("s3cret");
        assertThat(box.decrypt(sealed, "client-secret:default/abc")).isEqualTo("s3cret välue");
        assertThat(box.decrypt(box.encrypt("", "ctx"), "ctx")).isEmpty();
    }

    @Test
    void secretBoxRefusesAnotherContext() {
        SecretBox box = new SecretBox(key(), RANDOM);
        String sealed = box.encrypt("value", "client-secret:default/abc");
        assertThatThrownBy(() -> box.decrypt(sealed, "client-secret:default/abd"))
                .isInstanceOf(SecretBox.WrongMasterKeyException.class);
    }

    @Test
    void secretBoxRefusesAnotherKey() {
        String sealed = new SecretBox(key(), RANDOM).encrypt("value", "ctx");
        SecretBox other = new SecretBox(key(), RANDOM);
        assertThatThrownBy(() -> other.decrypt(sealed, "ctx")).isInstanceOf(SecretBox.WrongMasterKeyException.class);
        assertThat(other.verifiesCheckValue(new SecretBox(key(), RANDOM).checkValue())).isFalse();
    }

    @Test
    void secretBoxRefusesTamperedValues() {
        SecretBox box = new SecretBox(key(), RANDOM);
        String sealed = box.encrypt("value", "ctx");
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(3));
        for (int i = 0; i < raw.length; i++) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            String value = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> box.decrypt(value, "ctx")).as("byte " + i)
                    .isInstanceOf(SecretBox.WrongMasterKeyException.class);
        }
        String truncated = sealed.substring(0, sealed.length() - 4);
        assertThatThrownBy(() -> box.decrypt(truncated, "ctx")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> box.decrypt("value", "ctx")).isInstanceOf(SecretBox.WrongMasterKeyException.class);
    }

    @Test
    void secretBoxEncryptionsOfTheSameValueDiffer() {
        SecretBox box = new SecretBox(key(), RANDOM);
        String a = box.encrypt("same value", "ctx");
        String b = box.encrypt("same value", "ctx");
        assertThat(a).isNotEqualTo(b);
        assertThat(a.substring(3, 19)).as("nonce prefix").isNotEqualTo(b.substring(3, 19));
        assertThat(box.decrypt(a, "ctx")).isEqualTo(box.decrypt(b, "ctx"));
    }

    @Test
    void secretBoxChecksTheMasterKey() {
        byte[] key = key();
        SecretBox box = new SecretBox(key, RANDOM);
        assertThat(new SecretBox(key, RANDOM).verifiesCheckValue(box.checkValue())).isTrue();
        assertThatThrownBy(() -> new SecretBox(new byte[16], RANDOM)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static String randomKey() {
        return Base64.getEncoder().encodeToString(key());
    }
}
