package dev.latchkey.http.console;

import dev.latchkey.console.FieldErrors;
import dev.latchkey.console.KeyRow;
import dev.latchkey.manage.KeyManagement;
import dev.latchkey.support.ApiException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Map;

/**
 * A workspace's keys: the signing and encryption keys (kid, algorithm, status, created), rotate (a new next key;
 * the next key becomes current) and revoke a rotated key, through {@link KeyManagement}, the Admin API's service
 * (its rules, transaction, audit event and key-ring reload). Rotation and revocation are confirmed in the browser;
 * a refusal is shown on the page and changes nothing.
 */
public final class KeyPages {

    private static final List<String> FIELDS = List.of("key_type");
    private static final Map<String, String> NOTICES = Map.of(
            "sig", "Signing keys rotated: the former next key signs now, a new next key is published.",
            "enc", "Encryption keys rotated: the former next key is advertised now, a new next key is published.",
            "revoked", "Key revoked: it is no longer published nor accepted.");

    private final ConsoleAuth auth;
    private final ConsolePages pages;
    private final KeyManagement keys;

    public KeyPages(ConsoleAuth auth, ConsolePages pages, KeyManagement keys) {
        this.auth = auth;
        this.pages = pages;
        this.keys = keys;
    }

    /** GET .../workspaces/{wid}/keys */
    public void list(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> show(res, caller, tid, wid, FieldErrors.none(),
                req.query().contains("notice") ? NOTICES.get(req.query().get("notice")) : null, 200));
    }

    /** POST .../keys/rotate: {@code use} (sig, enc) and, for signing keys, {@code key_type}. */
    public void rotate(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> {
            String use = caller.form().get("use");
            String keyType = "enc".equals(use) ? "rsa" : caller.form().get("key_type");
            try {
                keys.rotate(caller.actor(), tid, wid, use, keyType);
            } catch (ApiException e) {
                refused(res, caller, tid, wid, e);
                return;
            }
            ConsolePages.redirect(res, keysPath(tid, wid) + "?notice=" + ("enc".equals(use) ? "enc" : "sig"));
        });
    }

    /** POST .../keys/{kid}/revoke: {@code use}; only a rotated key can be revoked (the service's rule). */
    public void revoke(ServerRequest req, ServerResponse res) {
        auth.inWorkspace(req, res, (caller, tid, wid) -> {
            try {
                keys.revoke(caller.actor(), tid, wid, caller.form().get("use"),
                        req.path().pathParameters().get("kid"));
            } catch (ApiException e) {
                refused(res, caller, tid, wid, e);
                return;
            }
            ConsolePages.redirect(res, keysPath(tid, wid) + "?notice=revoked");
        });
    }

    /** The keys page with a refusal (an unknown workspace or key is the 404 page). */
    private void refused(ServerResponse res, ConsoleAuth.Caller caller, String tid, String wid, ApiException e) {
        if (e.status() == 404) {
            throw e;
        }
        show(res, caller, tid, wid, FieldErrors.from(e, FIELDS), null, e.status());
    }

    private void show(ServerResponse res, ConsoleAuth.Caller caller, String tid, String wid, FieldErrors errors,
                      String notice, int status) {
        List<KeyRow> signing = KeyRow.of(keys.keys(tid, wid, "sig"), "sig");
        Map<String, Object> params = pages.params(caller, wid, "keys");
        params.put("signing", signing);
        params.put("encryption", KeyRow.of(keys.keys(tid, wid, "enc"), "enc"));
        params.put("keyType", KeyRow.currentKeyType(signing));
        params.put("errors", errors);
        params.put("notice", notice);
        pages.render(res, status, "keys", params);
    }

    private static String keysPath(String tid, String wid) {
        return "/app/" + tid + "/admin/workspaces/" + wid + "/keys";
    }
}
