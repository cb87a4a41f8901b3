package dev.latchkey.app;

import dev.latchkey.http.ErrorMapper;
import dev.latchkey.http.OperationsEndpoints;
import dev.latchkey.http.RateLimitFilter;
import dev.latchkey.http.RequestFilters;
import dev.latchkey.http.WorkspaceResolver;
import dev.latchkey.http.api.ApiResource;
import dev.latchkey.http.api.ApiRoutes;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.endpoint.DiscoveryEndpoint;
import dev.latchkey.oauth.endpoint.JwksEndpoint;
import dev.latchkey.oauth.endpoint.TokenEndpoint;
import dev.latchkey.support.ApiException;
import io.helidon.webserver.http.HttpRouting;

import java.util.List;

/**
 * Every route of the server, one line each. It lives in {@code app} (not {@code http}) because it names
 * the endpoints of every edge package, and only the composition root may depend on all of them.
 */
final class Routes {

    record Endpoints(OperationsEndpoints operations, WorkspaceResolver workspaces, TokenEndpoint token,
                     JwksEndpoint jwks, DiscoveryEndpoint discovery, List<ApiResource> api,
                     RateLimitFilter rateLimits) {
    }

    private Routes() {
    }

    /** Registers every route; returns the management API routes, as registered. */
    static List<ApiRoutes.Route> register(HttpRouting.Builder r, Endpoints e) {
        RequestFilters.register(r);
        r.addFilter(e.rateLimits()::filter);
        ErrorMapper.register(r);

        r.get("/alive", e.operations()::alive);
        r.get("/ready", e.operations()::ready);
        r.get("/metrics", e.operations()::metrics);

        r.post("/{tid}/{aid}/oauth2/token", (req, res) -> e.token().handle(e.workspaces().resolve(req), req, res));
        r.get("/{tid}/{aid}/.well-known/jwks.json",
                (req, res) -> e.jwks().handle(e.workspaces().resolve(req), req, res));
        r.get("/{tid}/{aid}/.well-known/openid-configuration",
                (req, res) -> e.discovery().handle(e.workspaces().resolve(req), req, res));
        r.get("/{tid}/{aid}/.well-known/oauth-authorization-server",
                (req, res) -> e.discovery().handle(e.workspaces().resolve(req), req, res));

        ApiRoutes api = new ApiRoutes(r);
        e.api().forEach(resource -> resource.register(api));

        r.any((req, res) -> {
            if (req.path().path().startsWith("/api/")) {
                throw ApiException.notFound("No such API endpoint");
            }
            throw OAuthException.notFound("No such endpoint");
        });
        return api.routes();
    }
}
