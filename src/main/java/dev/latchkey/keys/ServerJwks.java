package dev.latchkey.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * Cloudentity's {@code ServerJWKs}, the {@code jwks} member of a workspace: {@code keys} holds the keys in
 * use (current signing, current encryption, then the rotated ones, newest first), the next keys apart,
 * the revoked ones per use ({@code null} when there are none, as in the seed's sample), and the limits of
 * the rotation (design §4). Public parameters only.
 */
public record ServerJwks(List<ServerJwk> keys, ServerJwk nextSigningKey, ServerJwk nextEncryptionKey,
                         List<ServerJwk> revokedSigningKeys, List<ServerJwk> revokedEncryptionKeys,
                         long rotatedKeysLimit, long revokedKeysLimit) {

    public static ServerJwks of(List<StoredKey> stored) {
        KeysResponse sig = KeysResponse.of(stored, "sig");
        KeysResponse enc = KeysResponse.of(stored, "enc");
        List<ServerJwk> keys = new ArrayList<>();
        if (sig.currentKey() != null) {
            keys.add(sig.currentKey());
        }
        if (enc.currentKey() != null) {
            keys.add(enc.currentKey());
        }
        keys.addAll(sig.rotatedKeys());
        keys.addAll(enc.rotatedKeys());
        return new ServerJwks(List.copyOf(keys), sig.nextKey(), enc.nextKey(),
                sig.revokedKeys().isEmpty() ? null : sig.revokedKeys(),
                enc.revokedKeys().isEmpty() ? null : enc.revokedKeys(),
                KeyRotation.ROTATED_KEYS_LIMIT, KeyRotation.REVOKED_KEYS_LIMIT);
    }
}
