package dev.latchkey.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code GET /alive} (liveness, as Cloudentity's), {@code GET /ready} (database reachable), {@code GET /metrics}. */
public final class OperationsEndpoints {

    private final BooleanSupplier databaseReachable;
    private final PrometheusMeterRegistry registry;

    public OperationsEndpoints(BooleanSupplier databaseReachable, PrometheusMeterRegistry registry) {
        this.databaseReachable = databaseReachable;
        this.registry = registry;
    }

    public void alive(ServerRequest req, ServerResponse res) {
        Responses.json(res, 200, Map.of("status", "alive"));
    }

    public void ready(ServerRequest req, ServerResponse res) {
        boolean up = databaseReachable.getAsBoolean();
        Responses.json(res, up ? 200 : 503, Map.of("status", up ? "ready" : "database unreachable"));
    }

    public void metrics(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.send(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
