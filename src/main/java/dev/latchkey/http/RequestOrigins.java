package dev.latchkey.http;

import dev.latchkey.audit.SecurityEvents;
import dev.latchkey.support.ForwardedRequest;
import dev.latchkey.support.TrustedProxies;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.InetSocketAddress;

/**
 * Where a request came from, for audit events, the login throttle and the access log: the client's address
 * ({@link ForwardedRequest}: behind a trusted proxy, the forwarded client; else the TCP peer), resolved once per
 * request by {@link RequestFilters}, and the {@code User-Agent} header (cut to 255 characters).
 */
public final class RequestOrigins {

    private RequestOrigins() {
    }

    public static SecurityEvents.Origin of(ServerRequest req) {
        return new SecurityEvents.Origin(clientIp(req), req.headers().first(HeaderNames.USER_AGENT).orElse(""));
    }

    /** The client's address (the peer's when the request did not pass {@link RequestFilters}). */
    public static String clientIp(ServerRequest req) {
        return req.context().get(ForwardedRequest.class).map(ForwardedRequest::clientIp)
                .orElseGet(() -> req.remotePeer().host());
    }

    static ForwardedRequest resolve(io.helidon.webserver.http.RoutingRequest req, TrustedProxies proxies) {
        var peer = req.remotePeer().address() instanceof InetSocketAddress socket ? socket.getAddress() : null;
        return ForwardedRequest.resolve(peer, req.remotePeer().host(), req.isSecure(),
                req.headers().first(HeaderNames.HOST).orElse(null), proxies,
                name -> RequestFilters.header(req, name));
    }
}
