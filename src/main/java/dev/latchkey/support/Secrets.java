package dev.latchkey.support;

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
        // char by char (equal UTF-16 units are equal UTF-8 bytes): no byte arrays made per call (every token request
        // checks a secret); every char of the given secret is looked at, whatever differs first
        int expectedLength = expected.length();
        int diff = expectedLength ^ given.length();
        for (int i = 0; i < given.length(); i++) {
            char e = i < expectedLength ? expected.charAt(i) : 0;
            diff |= e ^ given.charAt(i);
        }
        return diff == 0;
    }
}
