package dev.latchkey.http;

import dev.latchkey.support.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writing JSON responses: the one place that sets content type and caching headers. */
public final class Responses {

    private static final PreparedHeader JSON = PreparedHeader.of(HeaderValues.CONTENT_TYPE_JSON);
    private static final PreparedHeader NO_STORE = PreparedHeader.of(HeaderNames.CACHE_CONTROL, "no-store");
    private static final PreparedHeader NO_CACHE = PreparedHeader.of(HeaderNames.PRAGMA, "no-cache");

    private Responses() {
    }

    public static void json(ServerResponse res, int status, Object body) {
        bytes(res, status, Json.bytes(body));
    }

    public static void bytes(ServerResponse res, int status, byte[] json) {
        res.status(Status.create(status));
        res.header(JSON);
        res.send(json);
    }

    /** JSON that must not be cached (tokens, errors of the token endpoint): RFC 6749 §5.1. */
    public static void noStore(ServerResponse res, int status, Object body) {
        res.header(NO_STORE);
        res.header(NO_CACHE);
        json(res, status, body);
    }
}
