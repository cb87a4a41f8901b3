package dev.latchkey.http.console;

import dev.latchkey.console.FieldErrors;
import dev.latchkey.console.FormData;
import dev.latchkey.manage.ScopeAdmin;
import dev.latchkey.manage.ScopeDetails;
import dev.latchkey.manage.ScopeRequest;
import dev.latchkey.manage.ServiceAdmin;
import dev.latchkey.manage.ServiceDetails;
import dev.latchkey.manage.ServiceQuery;
import dev.latchkey.manage.ServiceRequest;
import dev.latchkey.scope.Scope;
import dev.latchkey.scope.Service;
import dev.latchkey.support.ApiException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Map;

/**
 * "Scopes &amp; services" of a workspace: its services with their scopes (20 services a page, by name), create and
 * delete a service, create, edit and delete a scope of a service. Every change goes through {@link ServiceAdmin} and
 * {@link ScopeAdmin}, the Admin API's services (their validation, transaction and audit event); a refusal is shown
 * next to its field and changes nothing. Deletions are confirmed in the browser.
 */
public final class ScopePages {

    private static final List<String> SERVICE_FIELDS = List.of("id", "name", "description");
    private static final List<String> SCOPE_FIELDS = List.of("display_name", "description", "name");
    private static final Map<String, String> NOTICES = Map.of("service-created", "Service created.",
            "service-deleted", "Service deleted, with its scopes.", "scope-created", "Scope created.",
            "scope-saved", "Changes saved.", "scope-deleted", "Scope deleted.");

    private final ConsoleAuth auth;
    private final ConsolePages pages;
    private final ServiceAdmin services;
    private final ScopeAdmin scopes;

    public ScopePages(ConsoleAuth auth, ConsolePages pages, ServiceAdmin services, ScopeAdmin scopes) {
        this.auth = auth;
        this.pages = pages;
        this.services = services;
        this.scopes = scopes;
    }

    /** GET .../workspaces/{wid}/services?after= */
    public void list(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> {
            var query = req.query();
            String after = query.contains("after") ? query.get("after") : null;
            List<ServiceDetails> page = services.list(tid, wid, ServiceQuery.parse(null, null, after, null, "name",
                    "asc", String.valueOf(WorkspacePages.PAGE)));
            Map<String, Object> params = pages.params(caller, wid, "services");
            params.put("services", page);
            params.put("loose", after != null ? List.of() : scopes.list(tid, wid).stream()
                    .filter(d -> d.service() == null).map(ScopeDetails::scope).toList());
            params.put("more", page.size() == WorkspacePages.PAGE);
            params.put("notice", query.contains("notice") ? NOTICES.get(query.get("notice")) : null);
            pages.render(res, 200, "services", params);
        });
    }

    /** GET .../services/new */
    public void createServiceForm(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> serviceForm(res, caller, wid, FormData.parse(""),
                FieldErrors.none(), 200));
    }

    /** POST .../services */
    public void createService(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> {
            FormData form = caller.form();
            try {
                services.create(caller.actor(), tid, new ServiceRequest(blankToNull(form.get("id")), form.get("name"),
                        form.get("description"), tid, wid, "user", null, null, null, null, null));
            } catch (ApiException e) {
                if (e.status() == 404) {
                    throw e;
                }
                serviceForm(res, caller, wid, form, e.status() == 409 ? FieldErrors.of("id", e.getMessage())
                        : FieldErrors.from(e, SERVICE_FIELDS), e.status()); // 409: the id is taken
                return;
            }
            ConsolePages.redirect(res, servicesPath(tid, wid) + "?notice=service-created");
        });
    }

    /** POST .../services/{svc}/delete (confirmed in the browser): the service and its scopes. */
    public void deleteService(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> {
            Service service = service(tid, wid, req);
            services.delete(caller.actor(), tid, service.id(), current -> { });
            ConsolePages.redirect(res, servicesPath(tid, wid) + "?notice=service-deleted");
        });
    }

    /** GET .../services/{svc}/scopes/new */
    public void createScopeForm(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> {
            Service service = service(tid, wid, req);
            scopeForm(res, caller, wid, service, null, "", "", "", FieldErrors.none(), 200);
        });
    }

    /** POST .../services/{svc}/scopes */
    public void createScope(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> {
            Service service = service(tid, wid, req);
            FormData form = caller.form();
            try {
                scopes.create(caller.actor(), tid, new ScopeRequest(null, form.get("name"), form.get("display_name"),
                        form.get("description"), tid, wid, false, false, false, null, service.id()));
            } catch (ApiException e) {
                if (e.status() == 404) {
                    throw e;
                }
                scopeForm(res, caller, wid, service, null, form.get("name"), form.get("display_name"),
                        form.get("description"), FieldErrors.from(e, SCOPE_FIELDS), e.status());
                return;
            }
            ConsolePages.redirect(res, servicesPath(tid, wid) + "?notice=scope-created");
        });
    }

    /** GET .../scopes/{scp} */
    public void editScopeForm(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> {
            ScopeDetails details = scope(tid, wid, req);
            Scope scope = details.scope();
            scopeForm(res, caller, wid, details.service(), scope, scope.name(), scope.displayName(),
                    scope.description(), FieldErrors.none(), 200);
        });
    }

    /** POST .../scopes/{scp}: "Save changes"; the scope's other settings (flags, metadata) are kept. */
    public void saveScope(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> {
            ScopeDetails details = scope(tid, wid, req);
            Scope s = details.scope();
            FormData form = caller.form();
            try {
                scopes.update(caller.actor(), tid, s.id(), new ScopeRequest(s.id(), form.get("name"),
                        form.get("display_name"), form.get("description"), tid, wid, s.implicit(), s.implicitGrant(),
                        s.transientGrants(), s.metadata(), s.serviceId()), current -> { });
            } catch (ApiException e) {
                if (e.status() == 404) {
                    throw e;
                }
                scopeForm(res, caller, wid, details.service(), s, form.get("name"), form.get("display_name"),
                        form.get("description"), FieldErrors.from(e, SCOPE_FIELDS), e.status());
                return;
            }
            ConsolePages.redirect(res, servicesPath(tid, wid) + "?notice=scope-saved");
        });
    }

    /** POST .../scopes/{scp}/delete (confirmed in the browser). */
    public void deleteScope(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> {
            Scope scope = scope(tid, wid, req).scope();
            scopes.delete(caller.actor(), tid, scope.id(), current -> { });
            ConsolePages.redirect(res, servicesPath(tid, wid) + "?notice=scope-deleted");
        });
    }

    private void serviceForm(ServerResponse res, ConsoleAuth.Caller caller, String wid, FormData form,
                             FieldErrors errors, int status) {
        Map<String, Object> params = pages.params(caller, wid, "services");
        params.put("form", form);
        params.put("errors", errors);
        pages.render(res, status, "service_new", params);
    }

    /** The scope form: {@code scope} null to create one in {@code service}, else to edit it. */
    private void scopeForm(ServerResponse res, ConsoleAuth.Caller caller, String wid, Service service, Scope scope,
                           String name, String displayName, String description, FieldErrors errors, int status) {
        Map<String, Object> params = pages.params(caller, wid, "services");
        params.put("service", service);
        params.put("scope", scope);
        params.put("name", name);
        params.put("displayName", displayName);
        params.put("description", description);
        params.put("errors", errors);
        pages.render(res, status, "scope_form", params);
    }

    /** The service {@code svc} of workspace {@code wid}; another workspace's is not found. */
    private Service service(String tid, String wid, ServerRequest req) {
        Service service = services.get(tid, req.path().pathParameters().get("svc")).service();
        if (!service.authorizationServerId().equals(wid)) {
            throw ApiException.notFound("Service not found");
        }
        return service;
    }

    /** The scope {@code scp} of workspace {@code wid}; another workspace's is not found. */
    private ScopeDetails scope(String tid, String wid, ServerRequest req) {
        ScopeDetails details = scopes.get(tid, req.path().pathParameters().get("scp"));
        if (!details.scope().authorizationServerId().equals(wid)) {
            throw ApiException.notFound("Scope not found");
        }
        return details;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String servicesPath(String tid, String wid) {
        return "/app/" + tid + "/admin/workspaces/" + wid + "/services";
    }
}
