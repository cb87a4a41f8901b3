package dev.latchkey.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server's key and certificate chain from PEM files: the chain leaf first (as nginx and certbot's
 * {@code fullchain.pem} have it), the key as PKCS #8 ({@code BEGIN PRIVATE KEY}), PKCS #1 RSA
 * ({@code BEGIN RSA PRIVATE KEY}) or SEC 1 EC ({@code BEGIN EC PRIVATE KEY}, as {@code openssl ecparam
 * -genkey} writes it). Encrypted keys are refused: the file's permissions protect it.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String EC = "1.2.840.10045.2.1";

    private PemFiles() {
    }

    /** A private key with the certificate chain it belongs to, leaf first. */
    public record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
    }

    /** Reads and checks the pair: the key must be the private half of the leaf certificate's public key. */
    public static KeyAndChain read(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = certificates(text(certificateFile), certificateFile);
        PrivateKey key = privateKey(text(keyFile), chain.get(0).getPublicKey().getAlgorithm(), keyFile);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException(keyFile + " does not hold the private key of the certificate in "
                    + certificateFile);
        }
        return new KeyAndChain(key, List.copyOf(chain));
    }

    static List<X509Certificate> certificates(String pem, Path source) {
        List<X509Certificate> chain = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                if (m.group(1).equals("CERTIFICATE")) {
                    Certificate c = factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2))));
                    chain.add((X509Certificate) c);
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " holds a certificate that cannot be read: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no PEM certificate (BEGIN CERTIFICATE)");
        }
        return chain;
    }

    static PrivateKey privateKey(String pem, String algorithm, Path source) {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String label = m.group(1);
            byte[] der;
            try {
                der = decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": the " + label + " block is not base64");
            }
            try {
                switch (label) {
                    case "PRIVATE KEY" -> {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                    }
                    case "RSA PRIVATE KEY" -> {
                        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8(der,
                                Der.sequence(Der.oid(RSA), Der.nullValue()))));
                    }
                    case "EC PRIVATE KEY" -> {
                        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8(der,
                                Der.sequence(Der.oid(EC), sec1Curve(der)))));
                    }
                    case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(source
                            + " holds an encrypted key; decrypt it (openssl pkey -in key.pem -out plain.pem)"
                            + " and protect the file by its permissions");
                    default -> {
                        // EC PARAMETERS and other blocks before the key
                    }
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                if (e instanceof IllegalArgumentException && e.getMessage() != null
                        && e.getMessage().startsWith(source.toString())) {
                    throw (IllegalArgumentException) e;
                }
                throw new IllegalArgumentException(source + ": the " + label + " cannot be read as a "
                        + algorithm + " key: " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(source + " holds no PEM private key (BEGIN PRIVATE KEY, BEGIN RSA "
                + "PRIVATE KEY or BEGIN EC PRIVATE KEY)");
    }

    /** PrivateKeyInfo (RFC 5208) around a key in its algorithm's own format. */
    private static byte[] pkcs8(byte[] key, byte[] algorithm) {
        return Der.sequence(Der.integer(java.math.BigInteger.ZERO), algorithm, Der.octetString(key));
    }

    /** The curve OID element in a SEC 1 ECPrivateKey's [0] parameters. */
    private static byte[] sec1Curve(byte[] der) {
        for (Der.Element element : Der.sequenceOf(der)) {
            if (element.tag() == 0xa0) {
                return element.content();
            }
        }
        throw new IllegalArgumentException("the EC key does not name its curve");
    }

    /** True when a signature by {@code key} verifies with {@code publicKey}. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> publicKey.getAlgorithm(); // Ed25519, Ed448, EdDSA
        };
        try {
            byte[] challenge = "latchkey key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.replaceAll("\\s+", ""));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
