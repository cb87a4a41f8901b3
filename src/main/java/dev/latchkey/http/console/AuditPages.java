package dev.latchkey.http.console;

import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventReader;
import dev.latchkey.console.AuditFilter;
import dev.latchkey.console.Chrome;
import dev.latchkey.console.FieldErrors;
import dev.latchkey.http.api.AuditEventsQuery;
import dev.latchkey.support.ApiException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Map;

/**
 * A workspace's audit events, newest first, 20 a page: the filters are a GET form whose fields are the Admin API's
 * {@code listAuditEvents} parameters, read and checked by the API's own {@link AuditEventsQuery} (a bad value is
 * shown next to its field), and "Older" / "Newer" are its keyset cursors ({@code after_event_id},
 * {@code before_event_id}). The admin workspace also lists the tenant-wide events, as the API does.
 */
public final class AuditPages {

    static final int PAGE = 20;

    private final ConsoleAuth auth;
    private final ConsolePages pages;
    private final AuditEventReader events;

    public AuditPages(ConsoleAuth auth, ConsolePages pages, AuditEventReader events) {
        this.auth = auth;
        this.pages = pages;
        this.events = events;
    }

    /** GET .../workspaces/{wid}/audit-events?event_action=&...&after_event_id= */
    public void list(ServerRequest req, ServerResponse res) {
        auth.require(req, res).ifPresent(caller -> {
            String tid = caller.session().tenantId();
            String wid = req.path().pathParameters().get("wid");
            var query = req.query();
            AuditFilter filter = AuditFilter.of(name -> query.contains(name) ? query.get(name) : null);
            List<AuditEvent> rows;
            FieldErrors errors = FieldErrors.none();
            int status = 200;
            try {
                rows = AuditEventsQuery.read(events, req, tid, wid);
            } catch (ApiException e) {
                rows = List.of();
                errors = FieldErrors.from(e, AuditFilter.FIELDS);
                status = e.status();
            }
            Chrome chrome = pages.chrome(caller, wid, "audit");
            Map<String, Object> params = WorkspacePages.params(chrome);
            params.put("events", rows);
            params.put("filter", filter);
            params.put("errors", errors);
            params.put("actions", AuditEventsQuery.ACTIONS.stream().sorted().toList());
            params.put("subjects", AuditEventsQuery.SUBJECTS.stream().sorted().toList());
            params.put("older", rows.size() == PAGE ? filter.query("after_event_id", rows.getLast().id()) : null);
            params.put("newer", !rows.isEmpty() && (query.contains("after_event_id")
                    || query.contains("before_event_id")) ? filter.query("before_event_id", rows.getFirst().id())
                    : null);
            pages.render(res, status, "audit_events", chrome.nonce(), params);
        });
    }
}
