package dev.latchkey.http.console;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.FieldErrors;
import dev.latchkey.console.FormData;
import dev.latchkey.console.IdpMappingsForm;
import dev.latchkey.idp.IdpBase;
import dev.latchkey.idp.StaticIdp;
import dev.latchkey.idp.StaticUser;
import dev.latchkey.manage.IdpAdmin;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workspace's identity providers: the list, "Add static IDP" (name, optional id), delete (confirmed), a static
 * IDP's mock users (add, remove) and its attribute mappings ({@link IdpMappingsForm}), all through
 * {@link IdpAdmin}, the Admin API's service: a refusal is shown next to its field and changes nothing. Passwords
 * are never shown.
 */
public final class IdpPages {

    /** {@code formIdp} of the "Add static IDP" form (no IDP id starts with '+'). */
    static final String NEW_IDP = "+new";
    private static final List<String> USER_FIELDS = List.of("username", "password", "email");
    private static final List<String> CREATE_FIELDS = List.of("name", "id");

    private final ConsoleAuth auth;
    private final ConsolePages pages;
    private final IdpAdmin idps;

    public IdpPages(ConsoleAuth auth, ConsolePages pages, IdpAdmin idps) {
        this.auth = auth;
        this.pages = pages;
        this.idps = idps;
    }

    /** GET .../workspaces/{wid}/idps */
    public void list(ServerRequest req, ServerResponse res) {
        var query = req.query();
        String notice = query.contains("saved") ? "Changes saved." : query.contains("created") ? "Identity provider "
                + "created." : query.contains("deleted") ? "Identity provider deleted." : null;
        auth.require(req, res).ifPresent(caller -> show(req, res, caller, null, FormData.parse(""),
                FieldErrors.none(), notice, 200));
    }

    /** POST .../workspaces/{wid}/idps: creates a static IDP without users (the Admin API's createStaticIDP). */
    public void create(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            String wid = req.path().pathParameters().get("wid");
            FormData form = caller.form();
            var body = Json.MAPPER.createObjectNode().put("name", form.get("name")).put("method", StaticIdp.METHOD);
            if (!form.get("id").isEmpty()) {
                body.put("id", form.get("id"));
            }
            StaticIdp created;
            try {
                created = idps.createStatic(caller.actor(), tid, wid, Json.MAPPER.treeToValue(body, StaticIdp.class));
            } catch (ApiException e) {
                if (e.status() == 404) {
                    pages.message(res, 404, tid, "Not found", e.getMessage());
                    return;
                }
                show(req, res, caller, NEW_IDP, form, FieldErrors.from(e, CREATE_FIELDS), null, e.status());
                return;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e); // a tree of two strings always converts
            }
            ConsolePages.redirect(res, "/app/" + tid + "/admin/workspaces/" + wid + "/idps?created#idp-"
                    + created.id());
        });
    }

    /** POST .../idps/{iid}/delete (confirmed in the browser). */
    public void delete(ServerRequest req, ServerResponse res) {
        confirmed(req, res, "deleted", (caller, tid, wid, iid) -> idps.delete(caller.actor(), tid, wid, iid, x -> { }));
    }

    /** GET .../idps/{iid}/mappings */
    public void mappings(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            String wid = req.path().pathParameters().get("wid");
            try {
                StaticIdp idp = idps.getStatic(tid, wid, req.path().pathParameters().get("iid"));
                mappingsPage(res, caller, wid, idp, IdpMappingsForm.rows(idp.mappings()), FieldErrors.none(),
                        req.query().contains("saved") ? "Changes saved." : null, 200);
            } catch (ApiException e) {
                pages.message(res, e.status(), tid, "Not found", e.getMessage());
            }
        });
    }

    /** POST .../idps/{iid}/mappings: "Save changes" (replaces the IDP's mappings). */
    public void saveMappings(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            String wid = req.path().pathParameters().get("wid");
            String iid = req.path().pathParameters().get("iid");
            List<IdpMappingsForm.Row> rows = IdpMappingsForm.rows(caller.form());
            StaticIdp idp;
            try {
                idp = idps.getStatic(tid, wid, iid);
            } catch (ApiException e) {
                pages.message(res, e.status(), tid, "Not found", e.getMessage());
                return;
            }
            try {
                idps.updateStatic(caller.actor(), tid, wid, iid, idp.withMappings(IdpMappingsForm.mappings(rows)),
                        x -> { });
            } catch (ApiException e) {
                mappingsPage(res, caller, wid, idp, rows, FieldErrors.from(e, IdpMappingsForm.fields(rows)), null,
                        e.status());
                return;
            }
            ConsolePages.redirect(res, "/app/" + tid + "/admin/workspaces/" + wid + "/idps/" + iid + "/mappings?saved");
        });
    }

    /** POST .../idps/{iid}/users: adds a user to a static IDP. */
    public void addUser(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            String wid = req.path().pathParameters().get("wid");
            String iid = req.path().pathParameters().get("iid");
            FormData form = caller.form();
            try {
                StaticIdp idp = idps.getStatic(tid, wid, iid);
                List<StaticUser> users = new ArrayList<>(idp.users());
                users.add(new StaticUser(form.get("username"), form.get("password"),
                        form.get("email").isEmpty() ? null : form.get("email"), null, null, null,
                        Map.of("sub", form.get("username")), null));
                idps.updateStatic(caller.actor(), tid, wid, iid, idp.withUsers(users), x -> { });
            } catch (ApiException e) {
                if (e.status() == 404) {
                    pages.message(res, 404, tid, "Not found", e.getMessage());
                    return;
                }
                show(req, res, caller, iid, form, FieldErrors.from(e, USER_FIELDS), null, e.status());
                return;
            }
            ConsolePages.redirect(res, "/app/" + tid + "/admin/workspaces/" + wid + "/idps?saved");
        });
    }

    /** POST .../idps/{iid}/users/remove (confirmed in the browser). */
    public void removeUser(ServerRequest req, ServerResponse res) {
        confirmed(req, res, "saved", (caller, tid, wid, iid) -> {
            StaticIdp idp = idps.getStatic(tid, wid, iid);
            String username = caller.form().get("username");
            idps.updateStatic(caller.actor(), tid, wid, iid, idp.withUsers(idp.users().stream()
                    .filter(u -> !u.username().equals(username)).toList()), x -> { });
        });
    }

    /** A change of IDP {@code iid} the browser confirmed: refused, the message page; done, the list with a notice. */
    private void confirmed(ServerRequest req, ServerResponse res, String notice, IdpChange change) {
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            String wid = req.path().pathParameters().get("wid");
            try {
                change.apply(caller, tid, wid, req.path().pathParameters().get("iid"));
            } catch (ApiException e) {
                pages.message(res, e.status(), tid, "Refused", e.getMessage());
                return;
            }
            ConsolePages.redirect(res, "/app/" + tid + "/admin/workspaces/" + wid + "/idps?" + notice);
        });
    }

    private interface IdpChange {
        void apply(ConsoleAuth.Caller caller, String tid, String wid, String iid);
    }

    private void show(ServerRequest req, ServerResponse res, ConsoleAuth.Caller caller, String formIdp, FormData form,
                      FieldErrors errors, String notice, int status) {
        String tid = caller.session().tenantId();
        String wid = req.path().pathParameters().get("wid");
        List<IdpBase> list;
        Map<String, List<StaticUser>> users = new LinkedHashMap<>();
        try {
            list = idps.list(tid, wid);
            for (IdpBase idp : list) {
                if (StaticIdp.METHOD.equals(idp.method())) {
                    users.put(idp.id(), idps.getStatic(tid, wid, idp.id()).users());
                }
            }
        } catch (ApiException e) {
            pages.message(res, e.status(), tid, "Not found", e.getMessage());
            return;
        }
        Chrome chrome = pages.chrome(caller, wid, "idps");
        Map<String, Object> params = WorkspacePages.params(chrome);
        params.put("idps", list);
        params.put("users", users);
        params.put("formIdp", formIdp);
        params.put("form", form);
        params.put("errors", errors);
        params.put("notice", notice);
        pages.render(res, status, "idps", chrome.nonce(), params);
    }

    private void mappingsPage(ServerResponse res, ConsoleAuth.Caller caller, String wid, StaticIdp idp,
                              List<IdpMappingsForm.Row> rows, FieldErrors errors, String notice, int status) {
        Chrome chrome = pages.chrome(caller, wid, "idps");
        Map<String, Object> params = WorkspacePages.params(chrome);
        List<IdpMappingsForm.Row> shown = new ArrayList<>(rows);
        shown.add(IdpMappingsForm.Row.blank());
        params.put("idp", idp);
        params.put("rows", shown);
        params.put("existing", rows.size());
        params.put("errors", errors);
        params.put("notice", notice);
        params.put("types", dev.latchkey.idp.IdpParts.MAPPING_TYPES);
        pages.render(res, status, "idp_mappings", chrome.nonce(), params);
    }
}
