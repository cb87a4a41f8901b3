package dev.latchkey.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the server listens: plain HTTP (neither option), HTTPS with a PEM certificate chain and key
 * ({@code --tls-cert}, {@code --tls-key}), or HTTPS with a certificate made at start
 * ({@code --tls-self-signed}, for development).
 *
 * @param certificateFile PEM certificate chain, leaf first
 * @param keyFile         PEM private key of the leaf
 * @param selfSigned      generate a key and a self-signed certificate for localhost at start
 */
public record TlsOptions(Optional<Path> certificateFile, Optional<Path> keyFile, boolean selfSigned) {

    public TlsOptions {
        certificateFile = certificateFile == null ? Optional.empty() : certificateFile;
        keyFile = keyFile == null ? Optional.empty() : keyFile;
        if (certificateFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (selfSigned && certificateFile.isPresent()) {
            throw new IllegalArgumentException("--tls-self-signed and --tls-cert/--tls-key exclude each other");
        }
    }

    public static TlsOptions none() {
        return new TlsOptions(Optional.empty(), Optional.empty(), false);
    }

    public static TlsOptions files(Path certificateFile, Path keyFile) {
        return new TlsOptions(Optional.of(certificateFile), Optional.of(keyFile), false);
    }

    public static TlsOptions generated() {
        return new TlsOptions(Optional.empty(), Optional.empty(), true);
    }

    public boolean enabled() {
        return selfSigned || certificateFile.isPresent();
    }
}
