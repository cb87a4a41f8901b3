package dev.latchkey.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The stored form of bearer secrets that are looked up by value (opaque access tokens, refresh tokens,
 * authorization codes, session ids): SHA-256, base64url without padding. The secrets are 256 random bits,
 * so an unsalted fast hash is enough: a leaked table reveals no usable token.
 */
public final class TokenHashes {

    private TokenHashes() {
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
