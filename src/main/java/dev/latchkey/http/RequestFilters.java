package dev.latchkey.http;

import dev.latchkey.support.ForwardedRequest;
import dev.latchkey.support.TrustedProxies;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Filters in front of every route: first where the request came from ({@link ForwardedRequest}: the forwarding
 * headers of a trusted proxy, else the TCP peer), held for the request's thread by {@link RequestOrigins};
 * then an access-log line per request (client address, method, path, status, bytes, milliseconds; never query
 * strings or bodies, which may hold secrets). The request body limit is Helidon's {@code maxPayloadSize},
 * answered in our formats by {@link ErrorMapper#directHandlers()}.
 */
public final class RequestFilters {

    private static final Logger ACCESS = LoggerFactory.getLogger("latchkey.access");

    private final TrustedProxies proxies;

    public RequestFilters(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    public void register(HttpRouting.Builder routing) {
        routing.addFilter(this::accessLog);
    }

    private void accessLog(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        ForwardedRequest origin = RequestOrigins.resolve(req, proxies);
        RequestOrigins.enter(origin);
        try {
            chain.proceed();
        } finally {
            RequestOrigins.leave();
            if (ACCESS.isInfoEnabled()) {
                ACCESS.info("{} {} {} {} {} {}ms", origin.clientIp(), req.prologue().method().text(),
                        req.path().path(), res.status().code(), res.bytesWritten(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    /** Every value of a request header joined with commas, or null. */
    static String header(RoutingRequest req, String name) {
        var values = req.headers().all(HeaderNames.create(name), java.util.List::of);
        return values.isEmpty() ? null : String.join(",", values);
    }
}
