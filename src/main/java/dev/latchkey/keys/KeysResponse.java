package dev.latchkey.keys;

import java.util.List;

/**
 * Cloudentity's {@code KeysResponse} (getKeys): the keys of one use ({@code sig} or {@code enc}) of a
 * workspace by life-cycle state; rotated and revoked keys newest first. Public parameters only.
 */
public record KeysResponse(ServerJwk currentKey, ServerJwk nextKey, List<ServerJwk> rotatedKeys,
                           List<ServerJwk> revokedKeys) {

    public static KeysResponse of(List<StoredKey> keys, String use) {
        List<StoredKey> ofUse = keys.stream().filter(k -> k.use().equals(use)).toList();
        return new KeysResponse(
                ofUse.stream().filter(k -> k.status() == KeyStatus.CURRENT).findFirst().map(ServerJwk::of).orElse(null),
                ofUse.stream().filter(k -> k.status() == KeyStatus.NEXT).findFirst().map(ServerJwk::of).orElse(null),
                KeyRotation.newestFirst(ofUse, KeyStatus.ROTATED).stream().map(ServerJwk::of).toList(),
                KeyRotation.newestFirst(ofUse, KeyStatus.REVOKED).stream().map(ServerJwk::of).toList());
    }
}
