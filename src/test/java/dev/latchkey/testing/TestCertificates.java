package dev.latchkey.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * X.509 certificates for tests, made by the JDK's keytool (no certificate builder is on the classpath):
 * self-signed ones and ones issued by a test CA, with EC P-256 keys. Each instance has its own keystore in a
 * temporary folder.
 */
public final class TestCertificates {

    private static final String PASSWORD = "changeit";

    private final Path dir;
    private final Path keystore;
    private int counter;

    public TestCertificates() {
        try {
            dir = Files.createTempDirectory("latchkey-certs");
            keystore = dir.resolve("keys.p12");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A certificate in PEM and parsed. */
    public record Issued(String alias, String pem, X509Certificate certificate) {
    }

    /**
     * A self-signed certificate for {@code dn}; {@code extensions} are keytool {@code -ext} values
     * ("san=dns:a.example.com,ip:10.1.2.3", "bc:c"); {@code startDate} is keytool's ("-10d"), by default a day
     * ago (a {@link TestClock} does not tick: a server started before the certificate was made must see it
     * valid).
     */
    public Issued selfSigned(String dn, String startDate, int validityDays, String... extensions) {
        startDate = startDate == null ? "-1d" : startDate;
        String alias = "k" + (++counter);
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dn, "-validity", String.valueOf(validityDays)));
        args.addAll(List.of("-startdate", startDate));
        for (String extension : extensions) {
            args.addAll(List.of("-ext", extension));
        }
        keytool(args);
        return export(alias);
    }

    /** A certificate for {@code dn} issued by {@code ca} (made with {@link #selfSigned} and "bc:c"). */
    public Issued issuedBy(Issued ca, String dn, String... extensions) {
        Issued own = selfSigned(dn, null, 3);
        Path request = dir.resolve(own.alias() + ".csr");
        Path issued = dir.resolve(own.alias() + ".pem");
        keytool(List.of("-certreq", "-alias", own.alias(), "-file", request.toString()));
        List<String> args = new ArrayList<>(List.of("-gencert", "-alias", ca.alias(), "-infile", request.toString(),
                "-outfile", issued.toString(), "-rfc", "-startdate", "-1d", "-validity", "3"));
        for (String extension : extensions) {
            args.addAll(List.of("-ext", extension));
        }
        keytool(args);
        try {
            String pem = Files.readString(issued, StandardCharsets.US_ASCII);
            return new Issued(own.alias(), pem, parse(pem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Key managers presenting the key and self-signed certificate of {@code certificate} (made by
     * {@link #selfSigned}) as a TLS client certificate.
     */
    public javax.net.ssl.KeyManager[] keyManagers(Issued certificate) {
        try {
            java.security.KeyStore all = java.security.KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                all.load(in, PASSWORD.toCharArray());
            }
            java.security.KeyStore one = java.security.KeyStore.getInstance("PKCS12");
            one.load(null, null);
            one.setKeyEntry(certificate.alias(), all.getKey(certificate.alias(), PASSWORD.toCharArray()),
                    PASSWORD.toCharArray(), new java.security.cert.Certificate[] {certificate.certificate()});
            javax.net.ssl.KeyManagerFactory factory = javax.net.ssl.KeyManagerFactory.getInstance(
                    javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            factory.init(one, PASSWORD.toCharArray());
            return factory.getKeyManagers();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The private key of {@code certificate} in PEM (PKCS #8, {@code BEGIN PRIVATE KEY}). */
    public String privateKeyPem(Issued certificate) {
        try {
            java.security.KeyStore all = java.security.KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                all.load(in, PASSWORD.toCharArray());
            }
            byte[] der = all.getKey(certificate.alias(), PASSWORD.toCharArray()).getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Issued export(String alias) {
        Path file = dir.resolve(alias + ".pem");
        keytool(List.of("-exportcert", "-rfc", "-alias", alias, "-file", file.toString()));
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            return new Issued(alias, pem, parse(pem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private void keytool(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        command.addAll(List.of("-keystore", keystore.toString(), "-storepass", PASSWORD, "-storetype", "PKCS12",
                "-noprompt"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
