package dev.latchkey.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /alive} (liveness, as Cloudentity's), {@code GET /ready} (database reachable; 200 or 503, with
 * details that do not change the status, e.g. {@code "rate_limits": "local (redis unreachable)"}),
 * {@code GET /metrics}.
 */
public final class OperationsEndpoints {

    private final BooleanSupplier databaseReachable;
    private final PrometheusMeterRegistry registry;
    private final Supplier<Map<String, String>> readyDetails;

    public OperationsEndpoints(BooleanSupplier databaseReachable, PrometheusMeterRegistry registry) {
        this(databaseReachable, registry, Map::of);
    }

    /** {@code readyDetails}: extra fields of the {@code /ready} body (the server stays usable whatever they say). */
    public OperationsEndpoints(BooleanSupplier databaseReachable, PrometheusMeterRegistry registry,
                               Supplier<Map<String, String>> readyDetails) {
        this.databaseReachable = databaseReachable;
        this.registry = registry;
        this.readyDetails = readyDetails;
    }

    public void alive(ServerRequest req, ServerResponse res) {
        Responses.json(res, 200, Map.of("status", "alive"));
    }

    public void ready(ServerRequest req, ServerResponse res) {
        boolean up = databaseReachable.getAsBoolean();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", up ? "ready" : "database unreachable");
        body.putAll(readyDetails.get());
        Responses.json(res, up ? 200 : 503, body);
    }

    public void metrics(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.send(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
