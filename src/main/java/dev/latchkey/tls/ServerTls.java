package dev.latchkey.tls;

import dev.latchkey.config.TlsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's TLS: an {@link SSLContext} whose key is the configured PEM pair (or a self-signed one made at
 * start), which asks clients for a certificate without requiring one and accepts any ({@link
 * AnyClientCertificate}: the OAuth client authentication methods judge it). With PEM files, the files are
 * checked every {@link #RELOAD_INTERVAL} and, once either has changed and the two read as a matching pair, new
 * connections use the new certificate (a renewed certificate needs no restart); a pair that does not read
 * is logged and the current one kept. Thread-safe; {@link #close()} stops the checks.
 */
public final class ServerTls implements AutoCloseable {

    public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);
    /** Where a self-signed certificate is written (the certificate only), for clients to trust it. */
    public static final String SELF_SIGNED_FILE = "tls-self-signed.pem";

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private final SSLContext context;
    private final ReloadingKeyManager keys;
    private final TlsOptions options;
    private final Optional<ScheduledExecutorService> watcher;
    private volatile X509Certificate certificate;
    private volatile String stamp;

    private ServerTls(TlsOptions options, PemFiles.KeyAndChain pair, SecureRandom random, boolean watch) {
        this.options = options;
        this.keys = new ReloadingKeyManager(pair);
        this.certificate = pair.chain().get(0);
        this.stamp = stamp(options);
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, new TrustManager[] {new AnyClientCertificate()}, random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
        if (watch) {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "latchkey-tls-reload");
                thread.setDaemon(true);
                return thread;
            });
            long every = RELOAD_INTERVAL.toMillis();
            executor.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
            watcher = Optional.of(executor);
        } else {
            watcher = Optional.empty();
        }
    }

    /**
     * The TLS of {@code options} (which must be {@link TlsOptions#enabled()}): reads the PEM files, or makes a
     * self-signed certificate, logs its SHA-256 fingerprint and writes it to {@code dataDir}.
     */
    public static ServerTls start(TlsOptions options, Path dataDir, Clock clock, SecureRandom random) {
        if (!options.enabled()) {
            throw new IllegalArgumentException("TLS is not configured");
        }
        if (options.selfSigned()) {
            PemFiles.KeyAndChain pair = SelfSignedCertificate.generate(clock, random);
            X509Certificate leaf = pair.chain().get(0);
            Path file = dataDir.resolve(SELF_SIGNED_FILE);
            try {
                Files.createDirectories(dataDir);
                Files.writeString(file, SelfSignedCertificate.pem(leaf), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            LOG.warn("TLS with a self-signed certificate for localhost (development only), SHA-256 fingerprint {}; "
                    + "written to {}", SelfSignedCertificate.fingerprint(leaf), file);
            return new ServerTls(options, pair, random, false);
        }
        PemFiles.KeyAndChain pair = PemFiles.read(options.certificateFile().orElseThrow(),
                options.keyFile().orElseThrow());
        LOG.info("TLS certificate {} (SHA-256 fingerprint {}), valid until {}",
                pair.chain().get(0).getSubjectX500Principal().getName(),
                SelfSignedCertificate.fingerprint(pair.chain().get(0)), pair.chain().get(0).getNotAfter().toInstant());
        return new ServerTls(options, pair, random, true);
    }

    public SSLContext context() {
        return context;
    }

    /** The certificate new connections are served with. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Re-reads the PEM files if their size or modification time changed since the last read; true when the
     * certificate was replaced. A pair that fails to read (e.g. the key written but not yet the certificate)
     * is left for the next check.
     */
    public synchronized boolean reloadIfChanged() {
        if (options.selfSigned()) {
            return false;
        }
        String now = stamp(options);
        if (now.equals(stamp)) {
            return false;
        }
        try {
            PemFiles.KeyAndChain pair = PemFiles.read(options.certificateFile().orElseThrow(),
                    options.keyFile().orElseThrow());
            keys.use(pair);
            certificate = pair.chain().get(0);
            stamp = now;
            LOG.info("TLS certificate reloaded: {} (SHA-256 fingerprint {}), valid until {}",
                    certificate.getSubjectX500Principal().getName(), SelfSignedCertificate.fingerprint(certificate),
                    certificate.getNotAfter().toInstant());
            return true;
        } catch (RuntimeException e) {
            LOG.warn("TLS certificate files changed but cannot be used yet; keeping the current one: {}",
                    e.getMessage());
            return false;
        }
    }

    private static String stamp(TlsOptions options) {
        StringBuilder s = new StringBuilder();
        for (Path file : List.of(options.certificateFile(), options.keyFile()).stream()
                .flatMap(Optional::stream).toList()) {
            try {
                s.append(Files.getLastModifiedTime(file).toMillis()).append('/').append(Files.size(file)).append(';');
            } catch (IOException e) {
                s.append("missing;");
            }
        }
        return s.toString();
    }

    @Override
    public void close() {
        watcher.ifPresent(ScheduledExecutorService::shutdownNow);
    }
}
