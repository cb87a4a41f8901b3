package dev.latchkey.http.api;

import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Entity tags of management API objects: a strong ETag is the hash of the object's JSON representation,
 * so it changes exactly when the object does. {@code If-Match} on a write is checked against the
 * current object before anything changes (RFC 9110 §13.1.1): a mismatch is 412.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Throws 412 when the request has an {@code If-Match} that does not match {@code current}'s ETag. */
    public static void checkIfMatch(ServerRequest req, Object current) {
        String ifMatch = req.headers().first(HeaderNames.IF_MATCH).orElse(null);
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        checkIfMatchTag(ifMatch, of(Json.bytes(current)));
    }

    /** Throws 412 when the request has an {@code If-Match} that does not match {@code etag}. */
    static void checkIfMatchTag(ServerRequest req, String etag) {
        String ifMatch = req.headers().first(HeaderNames.IF_MATCH).orElse(null);
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        checkIfMatchTag(ifMatch, etag);
    }

    private static void checkIfMatchTag(String ifMatch, String etag) {
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return;
            }
        }
        throw new ApiException(412, "precondition_failed", "The object was changed since it was read (If-Match)");
    }

    /** Writes {@code body} as JSON with its ETag. */
    public static void send(ServerResponse res, int status, Object body) {
        byte[] json = Json.bytes(body);
        send(res, status, json, of(json));
    }

    /** Writes JSON whose ETag is known. */
    static void send(ServerResponse res, int status, byte[] json, String etag) {
        res.header(HeaderNames.ETAG, etag);
        dev.latchkey.http.Responses.bytes(res, status, json);
    }
}
