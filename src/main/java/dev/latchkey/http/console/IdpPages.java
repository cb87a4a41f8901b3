package dev.latchkey.http.console;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.FieldErrors;
import dev.latchkey.console.FormData;
import dev.latchkey.idp.IdpBase;
import dev.latchkey.idp.StaticIdp;
import dev.latchkey.idp.StaticUser;
import dev.latchkey.manage.IdpAdmin;
import dev.latchkey.support.ApiException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workspace's identity providers: the list, and a static IDP's mock users (add, remove), through
 * {@link IdpAdmin}, the Admin API's service. Passwords are never shown.
 */
public final class IdpPages {

    private static final List<String> USER_FIELDS = List.of("username", "password", "email");

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
        auth.require(req, res).ifPresent(caller -> show(req, res, caller, null, FormData.parse(""),
                FieldErrors.none(), req.query().contains("saved") ? "Changes saved." : null, 200));
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
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            String wid = req.path().pathParameters().get("wid");
            String iid = req.path().pathParameters().get("iid");
            try {
                StaticIdp idp = idps.getStatic(tid, wid, iid);
                String username = caller.form().get("username");
                idps.updateStatic(caller.actor(), tid, wid, iid, idp.withUsers(idp.users().stream()
                        .filter(u -> !u.username().equals(username)).toList()), x -> { });
            } catch (ApiException e) {
                pages.message(res, e.status(), tid, "Refused", e.getMessage());
                return;
            }
            ConsolePages.redirect(res, "/app/" + tid + "/admin/workspaces/" + wid + "/idps?saved");
        });
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
        Chrome chrome = new Chrome(tid, wid, caller.session().subject(), caller.session().csrf(), pages.nonce(),
                "idps");
        Map<String, Object> params = WorkspacePages.params(chrome);
        params.put("idps", list);
        params.put("users", users);
        params.put("formIdp", formIdp);
        params.put("form", form);
        params.put("errors", errors);
        params.put("notice", notice);
        pages.render(res, status, "idps", chrome.nonce(), params);
    }
}
