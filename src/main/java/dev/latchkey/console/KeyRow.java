package dev.latchkey.console;

import dev.latchkey.keys.KeyRotation;
import dev.latchkey.keys.KeysResponse;
import dev.latchkey.keys.ServerJwk;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace key in the console's list, from the Admin API's getKeys answer ({@link KeysResponse}): kid, use,
 * algorithm and key type, life-cycle status (current, next, rotated, revoked) and when it was created.
 */
public record KeyRow(String kid, String use, String status, String alg, String kty, String keyType,
                     Instant createdAt) {

    /** The keys of {@code use}: current, next, then rotated and revoked ones, newest first. */
    public static List<KeyRow> of(KeysResponse keys, String use) {
        List<KeyRow> rows = new ArrayList<>();
        add(rows, keys.currentKey(), use, "current");
        add(rows, keys.nextKey(), use, "next");
        keys.rotatedKeys().forEach(k -> add(rows, k, use, "rotated"));
        keys.revokedKeys().forEach(k -> add(rows, k, use, "revoked"));
        return rows;
    }

    /** The key type ({@code ecdsa}, {@code rsa}, {@code ps}) of the current key among {@code rows}, else rsa. */
    public static String currentKeyType(List<KeyRow> rows) {
        return rows.stream().filter(r -> r.status().equals("current")).map(KeyRow::keyType).findFirst()
                .orElse("rsa");
    }

    /** Created, to the second (UTC, ISO 8601). */
    public String created() {
        return createdAt == null ? "" : createdAt.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void add(List<KeyRow> rows, ServerJwk key, String use, String status) {
        if (key == null) {
            return;
        }
        var p = key.parameters();
        String alg = p.get("alg") == null ? "" : p.get("alg").toString();
        String kty = p.get("kty") == null ? "" : p.get("kty") + (p.get("crv") == null ? "" : " " + p.get("crv"));
        rows.add(new KeyRow(key.kid(), use, status, alg, kty, KeyRotation.keyTypeOf(p), key.createdAt()));
    }
}
