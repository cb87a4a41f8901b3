package dev.latchkey.http;

import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Filters in front of every route: an access-log line per request (method, path, status, bytes,
 * milliseconds; never query strings or bodies, which may hold secrets). The request body limit is
 * Helidon's {@code maxPayloadSize}, answered in our formats by {@link ErrorMapper#directHandlers()}.
 */
public final class RequestFilters {

    private static final Logger ACCESS = LoggerFactory.getLogger("latchkey.access");

    private RequestFilters() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.addFilter((chain, req, res) -> accessLog(chain, req, res));
    }

    private static void accessLog(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            if (ACCESS.isInfoEnabled()) {
                ACCESS.info("{} {} {} {} {}ms", req.prologue().method().text(), req.path().path(),
                        res.status().code(), res.bytesWritten(), (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
