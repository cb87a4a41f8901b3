package dev.latchkey.http.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.console.Chrome;
import dev.latchkey.console.FieldErrors;
import dev.latchkey.console.FormData;
import dev.latchkey.console.WorkspaceRow;
import dev.latchkey.console.WorkspaceSettingsForm;
import dev.latchkey.manage.WorkspaceAdmin;
import dev.latchkey.manage.WorkspaceAdminList;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's workspace pages: the searchable, keyset-paged list (the repository's paged query, as the Admin
 * API's listWorkspaces), "Create workspace", and a workspace's "Auth settings". Changes go through
 * {@link WorkspaceAdmin}, the Admin API's service: a refused change shows the service's message next to its field
 * and changes nothing.
 */
public final class WorkspacePages {

    static final int PAGE = 20;
    private static final List<String> CREATE_FIELDS = List.of("profile", "key_type", "name", "id");

    private final ConsoleAuth auth;
    private final ConsolePages pages;
    private final WorkspaceAdmin workspaces;

    public WorkspacePages(ConsoleAuth auth, ConsolePages pages, WorkspaceAdmin workspaces) {
        this.auth = auth;
        this.pages = pages;
        this.workspaces = workspaces;
    }

    /** GET /app/{tid}/admin/workspaces?q=&after=&before= */
    public void list(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            var query = req.query();
            String q = query.contains("q") ? query.get("q").strip() : "";
            String after = query.contains("after") ? query.get("after") : null;
            String before = query.contains("before") ? query.get("before") : null;
            List<WorkspaceRow> rows;
            String error = null;
            try {
                rows = WorkspaceRow.of(workspaces.listWorkspaces(tid, new WorkspaceAdminList(null, q, after, before,
                        "id", "asc", String.valueOf(PAGE), null, null)).path("workspaces"));
            } catch (ApiException e) {
                rows = List.of();
                error = e.getMessage();
            }
            Chrome chrome = chrome(caller, null, "workspaces");
            Map<String, Object> params = params(chrome);
            params.put("rows", rows);
            params.put("q", q);
            params.put("qParam", URLEncoder.encode(q, StandardCharsets.UTF_8));
            params.put("error", error);
            params.put("more", rows.size() == PAGE);
            params.put("paged", after != null || before != null);
            params.put("notice", query.contains("deleted") ? "Workspace deleted." : null);
            boolean fragment = ConsolePages.fragment(req); // htmx: the results only (live search, paging)
            pages.render(res, 200, fragment ? "workspaces_results" : "workspaces", chrome.nonce(), params);
        });
    }

    /** GET /app/{tid}/admin/workspaces/new */
    public void createForm(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> createPage(res, caller, FormData.parse(""), FieldErrors.none(),
                200));
    }

    /** POST /app/{tid}/admin/workspaces */
    public void create(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            FormData form = caller.form();
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("tenant_id", tid);
            body.put("id", form.get("id"));
            body.put("name", form.get("name").isEmpty() ? form.get("id") : form.get("name"));
            body.put("type", "regular");
            body.put("profile", form.get("profile").isEmpty() ? "default" : form.get("profile"));
            body.put("key_type", form.get("key_type").isEmpty() ? "ecdsa" : form.get("key_type"));
            if (form.get("id").isEmpty()) {
                createPage(res, caller, form, FieldErrors.of("id", "Enter an id"), 400);
                return;
            }
            try {
                workspaces.create(caller.actor(), tid, body, form.checked("demo"));
            } catch (ApiException e) {
                createPage(res, caller, form, FieldErrors.from(e, CREATE_FIELDS), e.status());
                return;
            }
            ConsolePages.redirect(res, "/app/" + tid + "/admin/workspaces/" + form.get("id") + "/settings?created");
        });
    }

    /** GET /app/{tid}/admin/workspaces/{wid}/settings */
    public void settings(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> {
            String wid = req.path().pathParameters().get("wid");
            ObjectNode server;
            try {
                server = workspaces.get(caller.session().tenantId(), wid, x -> { });
            } catch (ApiException e) {
                pages.message(res, e.status(), caller.session().tenantId(), "Not found", e.getMessage());
                return;
            }
            String notice = req.query().contains("saved") ? "Changes saved."
                    : req.query().contains("created") ? "Workspace created." : null;
            settingsPage(res, caller, wid, WorkspaceSettingsForm.of(server), FieldErrors.none(), notice, 200);
        });
    }

    /** POST /app/{tid}/admin/workspaces/{wid}/settings: "Save changes". */
    public void saveSettings(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            String wid = req.path().pathParameters().get("wid");
            WorkspaceSettingsForm submitted = null;
            try {
                ObjectNode current = workspaces.get(tid, wid, x -> { });
                submitted = WorkspaceSettingsForm.of(wid, current.path("name").asText(), caller.form());
                workspaces.update(caller.actor(), tid, wid, submitted.applyTo(current), x -> { });
            } catch (ApiException e) {
                if (submitted == null) {
                    pages.message(res, e.status(), tid, "Not found", e.getMessage());
                    return;
                }
                settingsPage(res, caller, wid, submitted, FieldErrors.from(e, WorkspaceSettingsForm.FIELDS), null,
                        e.status());
                return;
            }
            ConsolePages.redirect(res, "/app/" + tid + "/admin/workspaces/" + wid + "/settings?saved");
        });
    }

    /**
     * POST /app/{tid}/admin/workspaces/{wid}/delete (confirmed in the browser): deletes the workspace and everything
     * in it through the Admin API's service, which refuses the tenant's admin and system workspaces; a refusal is
     * shown on the settings page, by the delete button.
     */
    public void delete(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            String wid = req.path().pathParameters().get("wid");
            try {
                workspaces.delete(caller.actor(), tid, wid, x -> { });
            } catch (ApiException e) {
                if (e.status() == 404) {
                    pages.message(res, 404, tid, "Not found", e.getMessage());
                    return;
                }
                Map<String, Object> params = settingsParams(caller, wid,
                        WorkspaceSettingsForm.of(workspaces.get(tid, wid, x -> { })), FieldErrors.none(), null);
                params.put("deleteError", e.getMessage());
                pages.render(res, e.status(), "settings", params);
                return;
            }
            ConsolePages.redirect(res, "/app/" + tid + "/admin/workspaces?deleted");
        });
    }

    private void createPage(ServerResponse res, ConsoleAuth.Caller caller, FormData form, FieldErrors errors,
                            int status) {
        Chrome chrome = chrome(caller, null, "workspaces");
        Map<String, Object> params = params(chrome);
        params.put("form", form);
        params.put("errors", errors);
        pages.render(res, status, "workspace_new", chrome.nonce(), params);
    }

    private void settingsPage(ServerResponse res, ConsoleAuth.Caller caller, String wid, WorkspaceSettingsForm form,
                              FieldErrors errors, String notice, int status) {
        pages.render(res, status, "settings", settingsParams(caller, wid, form, errors, notice));
    }

    private Map<String, Object> settingsParams(ConsoleAuth.Caller caller, String wid, WorkspaceSettingsForm form,
                                               FieldErrors errors, String notice) {
        Map<String, Object> params = pages.params(caller, wid, "settings");
        params.put("form", form);
        params.put("errors", errors);
        params.put("notice", notice);
        params.put("deleteError", null);
        return params;
    }

    Chrome chrome(ConsoleAuth.Caller caller, String wid, String section) {
        return new Chrome(caller.session().tenantId(), wid, caller.session().subject(), caller.session().csrf(),
                pages.nonce(), section);
    }

    static Map<String, Object> params(Chrome chrome) {
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", chrome);
        return params;
    }
}
