package dev.latchkey.app;

import dev.latchkey.console.ConsoleSessions;
import dev.latchkey.http.api.ClientsJson;
import dev.latchkey.http.console.ApplicationPages;
import dev.latchkey.http.console.AuditPages;
import dev.latchkey.http.console.ConsoleAuth;
import dev.latchkey.http.console.ConsolePages;
import dev.latchkey.http.console.IdpPages;
import dev.latchkey.http.console.KeyPages;
import dev.latchkey.http.console.RateLimitPages;
import dev.latchkey.http.console.ScopePages;
import dev.latchkey.http.console.WorkspacePages;
import dev.latchkey.manage.ClientAdmin;
import dev.latchkey.manage.WorkspaceAdmin;
import dev.latchkey.session.JdbiConsoleSessionRepository;
import io.helidon.webserver.http.HttpRouting;

/**
 * The admin console at {@code /app/{tid}/admin} (issue 9): its parts, built over the same management services as
 * the Admin API, and its routes (not part of the API reference).
 */
final class Console {

    record Endpoints(ConsolePages pages, ConsoleAuth auth, WorkspacePages workspaces, ApplicationPages apps,
                     IdpPages idps, ScopePages scopes, KeyPages keys, RateLimitPages rateLimits,
                     AuditPages audit) {
    }

    private Console() {
    }

    static Endpoints build(Core core, OAuthParts oauth, RateLimiting rateLimiting, String baseUrl) {
        var pages = new ConsolePages(core.randomness());
        var sessions = new ConsoleSessions(new JdbiConsoleSessionRepository(core.database().jdbi()), core.box(),
                core.clock(), core.randomness());
        var auth = new ConsoleAuth(sessions, oauth.contexts(),
                core.clients(), oauth.tokenService(), oauth.verifier(), pages, baseUrl);
        var workspaces = new WorkspaceAdmin(core.database(), core.workspaces(), core.keys(), core.scopes(),
                core.clients(), core.audit(), core.bus(), core.ids(), core.randomness(), core.clock(), baseUrl);
        var clients = new ClientAdmin(core.database(), core.clients(), core.workspaces(), core.scopes(), core.audit(),
                core.bus(), core.clock(), core.randomness(), core.ids());
        return new Endpoints(pages, auth, new WorkspacePages(auth, pages, workspaces),
                new ApplicationPages(auth, pages, clients, new ClientsJson(baseUrl, core.clock()), core.scopeAdmin(),
                        baseUrl), new IdpPages(auth, pages, core.idps()),
                new ScopePages(auth, pages, core.serviceAdmin(), core.scopeAdmin()),
                new KeyPages(auth, pages, core.keyManagement()),
                new RateLimitPages(auth, pages, rateLimiting.policies()), new AuditPages(auth, pages, core.auditEvents()));
    }

    static void register(HttpRouting.Builder r, Endpoints c) {
        String base = "/app/{tid}/admin";
        String ws = base + "/workspaces/{wid}";
        String app = ws + "/apps/{cid}";
        r.get("/app/console.css", c.pages()::css);
        r.get("/app/htmx.min.js", c.pages()::htmx);
        r.get(base, c.auth()::entry);
        r.get(base + "/callback", c.auth()::callback);
        r.post(base + "/signout", c.auth()::signOut);
        r.get(base + "/workspaces", c.workspaces()::list);
        r.post(base + "/workspaces", c.workspaces()::create);
        r.get(base + "/workspaces/new", c.workspaces()::createForm);
        r.get(ws + "/settings", c.workspaces()::settings);
        r.post(ws + "/settings", c.workspaces()::saveSettings);
        r.get(ws + "/apps", c.apps()::list);
        r.post(ws + "/apps", c.apps()::create);
        r.get(ws + "/apps/new", c.apps()::createForm);
        r.get(app, c.apps()::overview);
        r.post(app + "/rotate-secret", c.apps()::rotateSecret);
        r.post(app + "/delete", c.apps()::delete);
        r.get(app + "/oauth", c.apps()::oauth);
        r.post(app + "/oauth", c.apps()::saveOauth);
        r.get(app + "/scopes", c.apps()::scopes);
        r.post(app + "/scopes", c.apps()::saveScopes);
        r.get(ws + "/idps", c.idps()::list);
        r.post(ws + "/idps/{iid}/users", c.idps()::addUser);
        r.post(ws + "/idps/{iid}/users/remove", c.idps()::removeUser);
        r.post(ws + "/delete", c.workspaces()::delete);
        r.get(ws + "/services", c.scopes()::list);
        r.post(ws + "/services", c.scopes()::createService);
        r.get(ws + "/services/new", c.scopes()::createServiceForm);
        r.post(ws + "/services/{svc}/delete", c.scopes()::deleteService);
        r.get(ws + "/services/{svc}/scopes/new", c.scopes()::createScopeForm);
        r.post(ws + "/services/{svc}/scopes", c.scopes()::createScope);
        r.get(ws + "/scopes/{scp}", c.scopes()::editScopeForm);
        r.post(ws + "/scopes/{scp}", c.scopes()::saveScope);
        r.post(ws + "/scopes/{scp}/delete", c.scopes()::deleteScope);
        r.get(ws + "/keys", c.keys()::list);
        r.post(ws + "/keys/rotate", c.keys()::rotate);
        r.post(ws + "/keys/{kid}/revoke", c.keys()::revoke);
        r.post(ws + "/idps", c.idps()::create);
        r.post(ws + "/idps/{iid}/delete", c.idps()::delete);
        r.get(ws + "/idps/{iid}/mappings", c.idps()::mappings);
        r.post(ws + "/idps/{iid}/mappings", c.idps()::saveMappings);
        r.get(base + "/rate-limits", c.rateLimits()::show);
        r.get(ws + "/audit-events", c.audit()::list);
    }
}
