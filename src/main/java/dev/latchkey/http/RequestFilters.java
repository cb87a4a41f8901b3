package dev.latchkey.http;

import dev.latchkey.support.ApiException;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Filters in front of every route: an access-log line per request (method, path, status, bytes,
 * milliseconds; never query strings or bodies, which may hold secrets) and the request body limit,
 * checked from {@code Content-Length} before anything is read (Helidon's own limit backs it up for
 * chunked bodies).
 */
public final class RequestFilters {

    private static final Logger ACCESS = LoggerFactory.getLogger("latchkey.access");

    private RequestFilters() {
    }

    public static void register(HttpRouting.Builder routing, long maxBodyBytes) {
        routing.addFilter((chain, req, res) -> accessLog(chain, req, res));
        routing.addFilter((chain, req, res) -> limitBody(chain, req, maxBodyBytes));
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

    private static void limitBody(FilterChain chain, RoutingRequest req, long maxBodyBytes) {
        var length = req.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > maxBodyBytes) {
            throw new ApiException(413, "request_too_large", "The request body is larger than " + maxBodyBytes
                    + " bytes");
        }
        chain.proceed();
    }
}
