package dev.latchkey.http.api;

/**
 * One group of management API endpoints (workspaces, applications, ...). Each resource lists its own
 * routes in {@link #register}, one line per route; {@code app/Routes} registers every resource.
 */
public interface ApiResource {

    void register(ApiRoutes routes);
}
