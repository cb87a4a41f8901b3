package dev.latchkey.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the master key (design §4): {@code LATCHKEY_MASTER_KEY}, else {@code --master-key-file}, else, for
 * the embedded database only, {@code data/master.key}, generated (mode 0600) at first start. With an
 * external database a node refuses to start without a configured key, since every node must share it.
 */
public final class MasterKeys {

    private MasterKeys() {
    }

    public static byte[] resolve(Optional<String> base64, Optional<Path> file, Path dataDir, boolean external,
                                 SecureRandom random) {
        if (base64.isPresent() && !base64.get().isBlank()) {
            return decode(base64.get().trim(), "LATCHKEY_MASTER_KEY");
        }
        if (file.isPresent()) {
            return read(file.get());
        }
        if (external) {
            throw new IllegalStateException("an external database needs a master key shared by every node: "
                    + "set LATCHKEY_MASTER_KEY (base64 of 32 random bytes) or --master-key-file");
        }
        Path generated = dataDir.resolve("master.key");
        if (Files.exists(generated)) {
            return read(generated);
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        writePrivate(generated, Base64.getEncoder().encodeToString(key) + "\n");
        return key;
    }

    /** Writes {@code content} to {@code file} readable by the owner only (where the file system allows). */
    public static void writePrivate(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: nothing more we can do
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return decode(Files.readString(file, StandardCharsets.UTF_8).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key in " + source + " is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("the master key in " + source + " must be 32 bytes, not " + key.length);
        }
        return key;
    }
}
