package dev.latchkey.http.api;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers management API routes on the web server and keeps the list of what it registered, so that
 * the OpenAPI document can be checked against what is really served. Not thread-safe: used while the
 * routing is built.
 */
public final class ApiRoutes {

    /** A registered route: an HTTP method and a Helidon path pattern ({@code /api/admin/{tid}/servers}). */
    public record Route(String method, String path) {
    }

    private final HttpRouting.Builder routing;
    private final List<Route> routes = new ArrayList<>();

    public ApiRoutes(HttpRouting.Builder routing) {
        this.routing = routing;
    }

    public ApiRoutes get(String path, Handler handler) {
        routes.add(new Route("GET", path));
        routing.get(path, handler);
        return this;
    }

    public ApiRoutes post(String path, Handler handler) {
        routes.add(new Route("POST", path));
        routing.post(path, handler);
        return this;
    }

    public ApiRoutes put(String path, Handler handler) {
        routes.add(new Route("PUT", path));
        routing.put(path, handler);
        return this;
    }

    public ApiRoutes patch(String path, Handler handler) {
        routes.add(new Route("PATCH", path));
        routing.patch(path, handler);
        return this;
    }

    public ApiRoutes delete(String path, Handler handler) {
        routes.add(new Route("DELETE", path));
        routing.delete(path, handler);
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
