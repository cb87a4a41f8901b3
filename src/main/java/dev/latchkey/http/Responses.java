package dev.latchkey.http;

import dev.latchkey.support.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writing JSON responses: the one place that sets content type and caching headers. */
public final class Responses {

    private Responses() {
    }

    public static void json(ServerResponse res, int status, Object body) {
        bytes(res, status, Json.bytes(body));
    }

    public static void bytes(ServerResponse res, int status, byte[] json) {
        res.status(Status.create(status));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(json);
    }

    /** JSON that must not be cached (tokens, errors of the token endpoint): RFC 6749 §5.1. */
    public static void noStore(ServerResponse res, int status, Object body) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.PRAGMA, "no-cache");
        json(res, status, body);
    }
}
