package dev.latchkey.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.latchkey.support.SecureRandomness;

import java.time.Instant;

/**
 * Generates workspace keys (design §4): signing keys by the workspace's {@code key_type} ({@code ecdsa}:
 * ES256 on P-256, {@code rsa}: RS256, {@code ps}: PS256, RSA 2048) and RSA-OAEP-256 encryption keys.
 * Key ids are long decimal strings, as Cloudentity's.
 */
public final class KeyFactory {

    private final SecureRandomness randomness;

    public KeyFactory(SecureRandomness randomness) {
        this.randomness = randomness;
    }

    public KeyRepository.KeyMaterial signingKey(String keyType, KeyStatus status, Instant now) {
        String kid = randomness.decimalKeyId();
        try {
            JWK jwk = switch (keyType) {
                case "ecdsa" -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).secureRandom(randomness.random()).generate();
                case "rsa" -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).secureRandom(randomness.random()).generate();
                case "ps" -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.PS256).secureRandom(randomness.random()).generate();
                default -> throw new IllegalArgumentException("key_type must be one of ecdsa, rsa, ps");
            };
            return material(jwk, "sig", status, now);
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    public KeyRepository.KeyMaterial encryptionKey(KeyStatus status, Instant now) {
        String kid = randomness.decimalKeyId();
        try {
            JWK jwk = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.ENCRYPTION)
                    .algorithm(JWEAlgorithm.RSA_OAEP_256).secureRandom(randomness.random()).generate();
            return material(jwk, "enc", status, now);
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    private static KeyRepository.KeyMaterial material(JWK jwk, String use, KeyStatus status, Instant now) {
        Instant promoted = status == KeyStatus.CURRENT ? now : null;
        StoredKey key = new StoredKey(jwk.getKeyID(), use, status, jwk.toPublicJWK().toJSONObject(), now, promoted,
                null, null);
        return new KeyRepository.KeyMaterial(key, jwk.toJSONString());
    }
}
