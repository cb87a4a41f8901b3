package dev.latchkey.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The one source of randomness of the server: secrets, token ids, key ids. Injected so that tests can
 * seed it; production uses a {@link SecureRandom}. Thread-safe.
 */
public final class SecureRandomness {

    private static final char[] ALPHANUM =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final SecureRandom random;

    public SecureRandomness(SecureRandom random) {
        this.random = random;
    }

    public static SecureRandomness strong() {
        return new SecureRandomness(new SecureRandom());
    }

    public SecureRandom random() {
        return random;
    }

    public byte[] bytes(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** A URL-safe secret with {@code bytes} bytes of entropy. */
    public String secret(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(bytes));
    }

    /** A random alphanumeric string (for workspace secrets and salts, Cloudentity-like). */
    public String alphanumeric(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHANUM[random.nextInt(ALPHANUM.length)];
        }
        return new String(out);
    }

    /** A random (version 4) UUID string, as Cloudentity's {@code jti}. */
    public String uuid() {
        byte[] b = bytes(16);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    /** A long decimal key id, as Cloudentity's (a random 128-bit number). */
    public String decimalKeyId() {
        return new java.math.BigInteger(1, bytes(16)).toString();
    }
}
