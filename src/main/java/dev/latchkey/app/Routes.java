package dev.latchkey.app;

import dev.latchkey.http.ErrorMapper;
import dev.latchkey.http.IdempotencyFilter;
import dev.latchkey.http.OpenApiDocument;
import dev.latchkey.http.OpenApiUi;
import dev.latchkey.http.OperationsEndpoints;
import dev.latchkey.http.RateLimitFilter;
import dev.latchkey.http.RequestFilters;
import dev.latchkey.http.WorkspaceResolver;
import dev.latchkey.http.api.ApiResource;
import dev.latchkey.http.api.ApiRoutes;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.endpoint.AuthorizeEndpoint;
import dev.latchkey.oauth.endpoint.DiscoveryEndpoint;
import dev.latchkey.oauth.endpoint.IntrospectionEndpoint;
import dev.latchkey.oauth.endpoint.JwksEndpoint;
import dev.latchkey.oauth.endpoint.RegistrationEndpoint;
import dev.latchkey.oauth.endpoint.RevocationEndpoint;
import dev.latchkey.oauth.endpoint.LoginEndpoint;
import dev.latchkey.oauth.endpoint.LogoutEndpoint;
import dev.latchkey.oauth.endpoint.TokenEndpoint;
import dev.latchkey.oauth.endpoint.UserInfoEndpoint;
import dev.latchkey.support.ApiException;
import io.helidon.webserver.http.HttpRouting;

import java.util.List;

/**
 * Every route of the server, one line each. It lives in {@code app} (not {@code http}) because it names
 * the endpoints of every edge package, and only the composition root may depend on all of them.
 */
final class Routes {

    record Endpoints(OperationsEndpoints operations, WorkspaceResolver workspaces, TokenEndpoint token,
                     JwksEndpoint jwks, DiscoveryEndpoint discovery, RegistrationEndpoint registration,
                     List<ApiResource> api,
                     RateLimitFilter rateLimits, IdempotencyFilter idempotency, OpenApiDocument openApi,
                     OpenApiUi apiDocs, IntrospectionEndpoint introspection, RevocationEndpoint revocation,
                     UserInfoEndpoint userInfo, AuthorizeEndpoint authorize, LoginEndpoint login,
                     LogoutEndpoint logout, RequestFilters requestFilters,
                     Console.Endpoints console) {
    }

    private Routes() {
    }

    /** Registers every route; returns every route, as registered (the API reference must describe each). */
    static List<ApiRoutes.Route> register(HttpRouting.Builder r, Endpoints e) {
        e.requestFilters().register(r);
        r.addFilter(e.rateLimits()::filter);
        r.addFilter(e.idempotency()::filter);
        ErrorMapper.register(r);
        ApiRoutes routes = new ApiRoutes(r);

        routes.get("/alive", e.operations()::alive);
        routes.get("/ready", e.operations()::ready);
        routes.get("/metrics", e.operations()::metrics);

        routes.post("/{tid}/{aid}/oauth2/token",
                (req, res) -> e.token().handle(e.workspaces().resolve(req), req, res));
        routes.post("/{tid}/{aid}/oauth2/introspect",
                (req, res) -> e.introspection().handle(e.workspaces().resolve(req), req, res));
        routes.post("/{tid}/{aid}/oauth2/revoke",
                (req, res) -> e.revocation().handle(e.workspaces().resolve(req), req, res));
        routes.get("/{tid}/{aid}/userinfo", (req, res) -> e.userInfo().handle(e.workspaces().resolve(req), req, res));
        routes.post("/{tid}/{aid}/userinfo", (req, res) -> e.userInfo().handle(e.workspaces().resolve(req), req, res));
        routes.get("/{tid}/{aid}/oauth2/authorize",
                (req, res) -> e.authorize().handle(e.workspaces().resolve(req), req, res));
        routes.post("/{tid}/{aid}/oauth2/authorize",
                (req, res) -> e.authorize().handle(e.workspaces().resolve(req), req, res));
        routes.get("/{tid}/{aid}/login", (req, res) -> e.login().page(e.workspaces().resolve(req), req, res));
        routes.post("/{tid}/{aid}/login", (req, res) -> e.login().submit(e.workspaces().resolve(req), req, res));
        routes.get("/{tid}/{aid}/oidc/logout",
                (req, res) -> e.logout().handle(e.workspaces().resolve(req), req, res));
        routes.post("/{tid}/{aid}/oidc/logout",
                (req, res) -> e.logout().handle(e.workspaces().resolve(req), req, res));
        routes.get("/{tid}/{aid}/.well-known/jwks.json",
                (req, res) -> e.jwks().handle(e.workspaces().resolve(req), req, res));
        routes.get("/{tid}/{aid}/.well-known/openid-configuration",
                (req, res) -> e.discovery().handle(e.workspaces().resolve(req), req, res));
        routes.get("/{tid}/{aid}/.well-known/oauth-authorization-server",
                (req, res) -> e.discovery().handle(e.workspaces().resolve(req), req, res));

        routes.post("/{tid}/{aid}/oauth2/register",
                (req, res) -> e.registration().register(e.workspaces().resolve(req), req, res));
        routes.get("/{tid}/{aid}/oauth2/register/{cid}",
                (req, res) -> e.registration().read(e.workspaces().resolve(req), req, res));
        routes.put("/{tid}/{aid}/oauth2/register/{cid}",
                (req, res) -> e.registration().update(e.workspaces().resolve(req), req, res));
        routes.delete("/{tid}/{aid}/oauth2/register/{cid}",
                (req, res) -> e.registration().delete(e.workspaces().resolve(req), req, res));

        routes.get("/api/openapi.json", e.openApi()::handle);
        routes.get("/api/docs", e.apiDocs()::page);
        routes.get("/api/docs/{file}", e.apiDocs()::asset);

        e.api().forEach(resource -> resource.register(routes));
        Console.register(r, e.console()); // browser pages, not part of the API reference

        r.any((req, res) -> {
            if (req.path().path().startsWith("/api/")) {
                throw ApiException.notFound("No such API endpoint");
            }
            throw OAuthException.notFound("No such endpoint");
        });
        return routes.routes();
    }
}
