package dev.latchkey.store;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts secrets at rest (client secrets, workspace secrets, private keys) with AES-256-GCM under the
 * master key (design §4). Each value gets a fresh 96-bit nonce; the associated data binds a ciphertext
 * to the place it belongs (for example {@code client-secret:tid/cid}), so a value copied to another row
 * does not decrypt. Format: {@code v1.} + base64url(nonce || ciphertext || tag). Thread-safe.
 */
public final class SecretBox {

    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final String CHECK_PLAINTEXT = "latchkey master key check";

    private final SecretKeySpec key;
    private final SecureRandom random;

    public SecretBox(byte[] masterKey, SecureRandom random) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(masterKey, 32), "AES");
        this.random = random;
    }

    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Decrypts a value made by {@link #encrypt}; a wrong key, context or a tampered value throws. */
    public String decrypt(String sealedValue, String context) {
        if (sealedValue == null || !sealedValue.startsWith(PREFIX)) {
            throw new WrongMasterKeyException("stored secret has an unknown format");
        }
        byte[] in = Base64.getUrlDecoder().decode(sealedValue.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new WrongMasterKeyException("a stored secret does not decrypt: wrong master key or tampered value");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The value stored once per database to detect a wrong master key at start. */
    public String checkValue() {
        return encrypt(CHECK_PLAINTEXT, "master-key-check");
    }

    public boolean verifiesCheckValue(String stored) {
        try {
            return CHECK_PLAINTEXT.equals(decrypt(stored, "master-key-check"));
        } catch (WrongMasterKeyException e) {
            return false;
        }
    }

    /** A stored secret could not be decrypted with the configured master key. */
    public static final class WrongMasterKeyException extends RuntimeException {
        public WrongMasterKeyException(String message) {
            super(message);
        }
    }
}
