package dev.latchkey.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Constant-time comparison of secrets. */
public final class Secrets {

    private Secrets() {
    }

    /**
     * Compares two secrets in time that depends only on their lengths, never on where they differ.
     * A null on either side is never equal.
     */
    public static boolean equal(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
