package dev.latchkey.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A self-signed server certificate for development ({@code --tls-self-signed}): a new EC P-256 key and an
 * X.509 v3 certificate for {@code CN=localhost} with the subject alternative names {@code localhost},
 * {@code 127.0.0.1} and {@code ::1}, valid from an hour ago for 90 days, for server authentication. Made with
 * the JDK alone (it has no certificate builder, so the few DER structures are written here) and parsed back
 * by the JDK's certificate factory, which checks them.
 */
public final class SelfSignedCertificate {

    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private SelfSignedCertificate() {
    }

    public static PemFiles.KeyAndChain generate(Clock clock, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            Instant now = clock.instant();
            byte[] algorithm = Der.sequence(Der.oid(ECDSA_SHA256));
            byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8("localhost"))));
            byte[] serial = new byte[16];
            random.nextBytes(serial);
            byte[] tbs = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)),
                    Der.integer(new BigInteger(1, serial)),
                    algorithm,
                    name,
                    Der.sequence(time(now.minus(Duration.ofHours(1))), time(now.plus(Duration.ofDays(90)))),
                    name,
                    pair.getPublic().getEncoded(),
                    Der.explicit(3, Der.sequence(extensions())));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate(), random);
            signer.update(tbs);
            byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
            X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
            parsed.verify(pair.getPublic());
            return new PemFiles.KeyAndChain(pair.getPrivate(), List.of(parsed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 fingerprint, as browsers and {@code openssl x509 -fingerprint -sha256} show it. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate in PEM. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] extensions() {
        byte[] san = Der.sequence(
                Der.element(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),   // dNSName
                Der.element(0x87, new byte[] {127, 0, 0, 1}),                          // iPAddress
                Der.element(0x87, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        byte[] critical = {0x01, 0x01, (byte) 0xff};
        return Der.concat(
                Der.sequence(Der.oid("2.5.29.17"), Der.octetString(san)),
                Der.sequence(Der.oid("2.5.29.19"), critical, Der.octetString(Der.sequence())),  // not a CA
                Der.sequence(Der.oid("2.5.29.15"), critical,                                   // digitalSignature
                        Der.octetString(new byte[] {Der.BIT_STRING, 0x02, 0x07, (byte) 0x80})),
                Der.sequence(Der.oid("2.5.29.37"), Der.octetString(Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1")))));
    }

    private static byte[] time(Instant instant) {
        return Der.element(Der.UTC_TIME, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }
}
