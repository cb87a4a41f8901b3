package dev.latchkey.http.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientQuery;
import dev.latchkey.console.ApplicationForm;
import dev.latchkey.console.FieldErrors;
import dev.latchkey.console.FormData;
import dev.latchkey.console.WorkspaceSettingsForm;
import dev.latchkey.http.api.ClientsJson;
import dev.latchkey.manage.ClientAdmin;
import dev.latchkey.manage.ClientAdminRequest;
import dev.latchkey.manage.ScopeAdmin;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The console's application pages of a workspace: the list, "Create application" by type, and an application's
 * Overview (token endpoint, client id, secret with reveal, copy and rotate; delete), OAuth view and Scopes view.
 * Every change goes through {@link ClientAdmin}, the Admin API's service; a refusal is shown next to its field
 * and changes nothing. Destructive actions (rotate, delete) ask for confirmation.
 */
public final class ApplicationPages {

    private final ConsoleAuth auth;
    private final ConsolePages pages;
    private final ClientAdmin clients;
    private final ClientsJson json;
    private final ScopeAdmin scopes;
    private final String baseUrl;

    public ApplicationPages(ConsoleAuth auth, ConsolePages pages, ClientAdmin clients, ClientsJson json,
                            ScopeAdmin scopes, String baseUrl) {
        this.auth = auth;
        this.pages = pages;
        this.clients = clients;
        this.json = json;
        this.scopes = scopes;
        this.baseUrl = baseUrl;
    }

    /** Runs a page of workspace {@code wid}; an unknown workspace or application is the 404 page. */
    private void page(ServerRequest req, ServerResponse res, ConsoleAuth.WorkspacePage page) {
        auth.inWorkspace(req, res, page);
    }

    /** GET .../workspaces/{wid}/apps */
    public void list(ServerRequest req, ServerResponse res) {
        page(req, res, (caller, tid, wid) -> {
            var query = req.query();
            String q = query.contains("q") ? query.get("q").strip() : "";
            String after = query.contains("after") ? query.get("after") : null;
            String before = query.contains("before") ? query.get("before") : null;
            List<Client> apps = clients.list(new ClientQuery(tid, wid, q.isEmpty() ? null : q, null, null, null,
                    ClientQuery.Sort.NAME, false, after, before, WorkspacePages.PAGE));
            Map<String, Object> params = params(caller, wid, "apps");
            params.put("apps", apps);
            params.put("q", q);
            params.put("qParam", URLEncoder.encode(q, StandardCharsets.UTF_8));
            params.put("hint", "Applications whose client id or name contains the text, ignoring case.");
            params.put("more", apps.size() == WorkspacePages.PAGE);
            params.put("paged", after != null || before != null);
            render(res, 200, ConsolePages.fragment(req) ? "apps_results" : "apps", params); // htmx: results only
        });
    }

    /** GET .../apps/new */
    public void createForm(ServerRequest req, ServerResponse res) {
        page(req, res, (caller, tid, wid) -> createPage(res, caller, wid, FormData.parse(""), FieldErrors.none(), 200));
    }

    /** POST .../apps */
    public void create(ServerRequest req, ServerResponse res) {
        page(req, res, (caller, tid, wid) -> {
            FormData form = caller.form();
            String type = form.get("application_purpose");
            if (!ApplicationForm.TYPES.containsKey(type)) {
                createPage(res, caller, wid, form, FieldErrors.of("application_purpose", "Choose a type"), 400);
                return;
            }
            if (form.get("client_name").isEmpty()) {
                createPage(res, caller, wid, form, FieldErrors.of("client_name", "Enter a name"), 400);
                return;
            }
            Client created;
            try {
                created = clients.create(caller.actor(), tid,
                        ClientAdminRequest.of(ApplicationForm.create(tid, wid, form)), type);
            } catch (ApiException e) {
                if (e.status() == 404) {
                    throw e;
                }
                createPage(res, caller, wid, form, e.status() == 409 ? FieldErrors.of("client_id", e.getMessage())
                        : FieldErrors.from(e, ApplicationForm.CREATE_FIELDS), e.status()); // 409: the id is taken
                return;
            }
            ConsolePages.redirect(res, appPath(tid, wid, created.clientId()));
        });
    }

    /** GET .../apps/{cid}: Overview. */
    public void overview(ServerRequest req, ServerResponse res) {
        page(req, res, (caller, tid, wid) -> {
            Client app = app(tid, wid, req);
            Map<String, Object> params = params(caller, wid, "apps");
            params.put("app", app);
            params.put("tokenEndpoint", baseUrl + "/" + tid + "/" + wid + "/oauth2/token");
            params.put("issuer", baseUrl + "/" + tid + "/" + wid);
            params.put("notice", req.query().contains("rotated") ? "A new secret was generated. The previous one "
                    + "keeps working until its rotated secrets are revoked." : null);
            render(res, 200, "app_overview", params);
        });
    }

    /** POST .../apps/{cid}/rotate-secret (confirmed in the browser). */
    public void rotateSecret(ServerRequest req, ServerResponse res) {
        page(req, res, (caller, tid, wid) -> {
            Client app = app(tid, wid, req);
            clients.rotateSecret(caller.actor(), tid, app.clientId(), Duration.ZERO, c -> { });
            ConsolePages.redirect(res, appPath(tid, wid, app.clientId()) + "?rotated");
        });
    }

    /** POST .../apps/{cid}/delete (confirmed in the browser). */
    public void delete(ServerRequest req, ServerResponse res) {
        page(req, res, (caller, tid, wid) -> {
            Client app = app(tid, wid, req);
            clients.delete(caller.actor(), tid, app.clientId(), c -> { });
            ConsolePages.redirect(res, "/app/" + tid + "/admin/workspaces/" + wid + "/apps");
        });
    }

    /** GET .../apps/{cid}/oauth */
    public void oauth(ServerRequest req, ServerResponse res) {
        page(req, res, (caller, tid, wid) -> {
            Client app = app(tid, wid, req);
            oauthPage(res, caller, wid, app, ApplicationForm.view(app), FieldErrors.none(),
                    req.query().contains("saved") ? "Changes saved." : null, 200);
        });
    }

    /** POST .../apps/{cid}/oauth: "Save changes". */
    public void saveOauth(ServerRequest req, ServerResponse res) {
        page(req, res, (caller, tid, wid) -> {
            Client app = app(tid, wid, req);
            try {
                clients.update(caller.actor(), tid, app.clientId(),
                        ClientAdminRequest.of(ApplicationForm.oauth(representation(app), caller.form())), c -> { });
            } catch (ApiException e) {
                oauthPage(res, caller, wid, app, ApplicationForm.view(caller.form()),
                        FieldErrors.from(e, ApplicationForm.OAUTH_FIELDS), null, e.status());
                return;
            }
            ConsolePages.redirect(res, appPath(tid, wid, app.clientId()) + "/oauth?saved");
        });
    }

    /** GET .../apps/{cid}/scopes */
    public void scopes(ServerRequest req, ServerResponse res) {
        page(req, res, (caller, tid, wid) -> {
            Client app = app(tid, wid, req);
            scopesPage(res, caller, wid, app, app.scopes(), FieldErrors.none(),
                    req.query().contains("saved") ? "Changes saved." : null, 200);
        });
    }

    /** POST .../apps/{cid}/scopes: "Save changes". */
    public void saveScopes(ServerRequest req, ServerResponse res) {
        page(req, res, (caller, tid, wid) -> {
            Client app = app(tid, wid, req);
            try {
                clients.update(caller.actor(), tid, app.clientId(),
                        ClientAdminRequest.of(ApplicationForm.scopes(representation(app), caller.form())), c -> { });
            } catch (ApiException e) {
                scopesPage(res, caller, wid, app, caller.form().all("scopes"),
                        FieldErrors.from(e, List.of("scopes")), null, e.status());
                return;
            }
            ConsolePages.redirect(res, appPath(tid, wid, app.clientId()) + "/scopes?saved");
        });
    }

    private void createPage(ServerResponse res, ConsoleAuth.Caller caller, String wid, FormData form,
                            FieldErrors errors, int status) {
        Map<String, Object> params = params(caller, wid, "apps");
        params.put("form", form);
        params.put("errors", errors);
        params.put("types", ApplicationForm.TYPES);
        render(res, status, "app_new", params);
    }

    private void oauthPage(ServerResponse res, ConsoleAuth.Caller caller, String wid, Client app,
                           ApplicationForm.OAuthView view, FieldErrors errors, String notice, int status) {
        Map<String, Object> params = params(caller, wid, "apps");
        params.put("app", app);
        params.put("view", view);
        params.put("errors", errors);
        params.put("notice", notice);
        params.put("grantTypes", WorkspaceSettingsForm.GRANT_TYPES);
        params.put("authMethods", ApplicationForm.AUTH_METHODS);
        render(res, status, "app_oauth", params);
    }

    private void scopesPage(ServerResponse res, ConsoleAuth.Caller caller, String wid, Client app, List<String> chosen,
                            FieldErrors errors, String notice, int status) {
        Map<String, Object> params = params(caller, wid, "apps");
        params.put("app", app);
        params.put("scopes", scopes.list(app.tenantId(), wid).stream().map(d -> d.scope().name()).sorted().toList());
        params.put("chosen", chosen);
        params.put("errors", errors);
        params.put("notice", notice);
        render(res, status, "app_scopes", params);
    }

    /** The application {@code cid} of workspace {@code wid}; another workspace's is not found. */
    private Client app(String tid, String wid, ServerRequest req) {
        Client app = clients.get(tid, req.path().pathParameters().get("cid"));
        if (!app.authorizationServerId().equals(wid)) {
            throw ApiException.notFound("Client not found");
        }
        return app;
    }

    private ObjectNode representation(Client app) {
        return Json.MAPPER.valueToTree(json.body(app));
    }

    private Map<String, Object> params(ConsoleAuth.Caller caller, String wid, String section) {
        return pages.params(caller, wid, section);
    }

    private void render(ServerResponse res, int status, String template, Map<String, Object> params) {
        pages.render(res, status, template, params);
    }

    private static String appPath(String tid, String wid, String cid) {
        return "/app/" + tid + "/admin/workspaces/" + wid + "/apps/" + cid;
    }
}
