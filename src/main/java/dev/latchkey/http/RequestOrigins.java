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
 *
 * <p>The resolved address is held for the request's thread while the request is routed ({@link #enter}, as a
 * logging MDC is): the filters and the handlers of a request run on its thread, and a thread-local read is a field
 * load and a small hash probe, where Helidon's request context takes a read lock and walks a list (0.4 % of a token
 * request in the eleventh session's profile). Work handed to another thread does not see it (then: the TCP peer).
 */
public final class RequestOrigins {

    private static final ThreadLocal<ForwardedRequest> CURRENT = new ThreadLocal<>();

    private RequestOrigins() {
    }

    /** Makes {@code origin} the current request's on this thread until {@link #leave}. */
    static void enter(ForwardedRequest origin) {
        CURRENT.set(origin);
    }

    /** Ends what {@link #enter} began (the thread serves the connection's next request). */
    static void leave() {
        CURRENT.remove();
    }

    public static SecurityEvents.Origin of(ServerRequest req) {
        return new SecurityEvents.Origin(clientIp(req), req.headers().first(HeaderNames.USER_AGENT).orElse(""));
    }

    /** The client's address (the peer's when the request did not pass {@link RequestFilters} on this thread). */
    public static String clientIp(ServerRequest req) {
        ForwardedRequest origin = CURRENT.get();
        return origin != null ? origin.clientIp() : req.remotePeer().host();
    }

    static ForwardedRequest resolve(io.helidon.webserver.http.RoutingRequest req, TrustedProxies proxies) {
        var peer = req.remotePeer().address() instanceof InetSocketAddress socket ? socket.getAddress() : null;
        return ForwardedRequest.resolve(peer, req.remotePeer().host(), req.isSecure(),
                req.headers().first(HeaderNames.HOST).orElse(null), proxies,
                name -> RequestFilters.header(req, name));
    }
}
