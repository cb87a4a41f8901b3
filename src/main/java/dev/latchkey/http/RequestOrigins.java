package dev.latchkey.http;

import dev.latchkey.audit.SecurityEvents;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Where a request came from, for audit events: the peer's address (as {@link ApiCallerAuth#actor} records it;
 * forwarding headers are not believed) and the {@code User-Agent} header (cut to 255 characters).
 */
public final class RequestOrigins {

    private RequestOrigins() {
    }

    public static SecurityEvents.Origin of(ServerRequest req) {
        return new SecurityEvents.Origin(req.remotePeer().host(),
                req.headers().first(HeaderNames.USER_AGENT).orElse(""));
    }
}
