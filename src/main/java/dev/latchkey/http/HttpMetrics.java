package dev.latchkey.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The outermost filter: times every request into the Timer {@code latchkey.http.requests}, tagged with the
 * {@code method}, the {@code route} (the path template, {@code /{tid}/{aid}/oauth2/token}: never the raw path,
 * whose tenant and workspace ids would make the number of series unbounded; {@code none} when no route
 * matched or a filter answered before routing, e.g. a 429) and the {@code status}. Latency buckets from 1 ms
 * to 10 s feed Prometheus's {@code histogram_quantile}. The timers are looked up without allocating (a map
 * per route, an array per method indexed by status) and made the first time a combination is seen.
 */
public final class HttpMetrics {

    public static final String METER = "latchkey.http.requests";
    public static final String NO_ROUTE = "none";

    private final MeterRegistry registry;
    private final Map<String, Map<Method, AtomicReferenceArray<Timer>>> timers = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            timer(req.prologue().method(), route(req), res.status().code())
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private static String route(RoutingRequest req) {
        String pattern = req.matchingPattern().orElse(NO_ROUTE);
        return pattern.isEmpty() ? NO_ROUTE : pattern;
    }

    private Timer timer(Method method, String route, int status) {
        Map<Method, AtomicReferenceArray<Timer>> byMethod = timers.get(route);
        if (byMethod == null) {
            byMethod = timers.computeIfAbsent(route, r -> new ConcurrentHashMap<>());
        }
        AtomicReferenceArray<Timer> byStatus = byMethod.get(method);
        if (byStatus == null) {
            byStatus = byMethod.computeIfAbsent(method, m -> new AtomicReferenceArray<>(600));
        }
        int index = status >= 100 && status < 600 ? status : 0;
        Timer timer = byStatus.get(index);
        if (timer == null) {
            timer = Timer.builder(METER).description("HTTP requests by route template and status")
                    .tag("method", method.text()).tag("route", route).tag("status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry);
            byStatus.set(index, timer);
        }
        return timer;
    }
}
