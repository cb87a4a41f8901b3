package dev.latchkey.http.api;

import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventReader;
import dev.latchkey.http.ApiCallerAuth;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Audit events (admin.yaml and system.yaml {@code listAuditEvents}): a page of a workspace's events, newest
 * first unless {@code order=asc} ({@link AuditEventsQuery}), as {@code {"audit_events": [...]}}. The Admin
 * API takes a token of the tenant's admin workspace; the System API one of its system workspace with
 * {@code view_audit_events}. The admin workspace's list also holds the tenant-wide events (tenant, MFA
 * methods, rate limits), which belong to no workspace. The workspace need not exist any more: the events
 * of a deleted workspace stay readable.
 *
 * <p>An event: {@code event_id}, {@code tenant_id}, {@code server_id} (absent for tenant-wide events),
 * {@code timestamp}, {@code event_subject}, {@code action}, {@code metadata} ({@code client_id} and
 * {@code subject} of the actor, {@code ip}, {@code user_agent}; empty ones left out), {@code payload}
 * (one key, {@code <event_subject>_<action>}, with the event's details) and {@code context}
 * ({@code object_id}: the object acted on).
 */
public final class AuditEventsResource implements ApiResource {

    private final ApiCallerAuth auth;
    private final AuditEventReader events;

    public AuditEventsResource(ApiCallerAuth auth, AuditEventReader events) {
        this.auth = auth;
        this.events = events;
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/admin/{tid}/servers/{wid}/audit-events", this::admin);
        routes.get("/api/system/{tid}/servers/{wid}/audit-events", this::system);
    }

    void admin(ServerRequest req, ServerResponse res) {
        auth.admin(req, req.path().pathParameters().get("tid"));
        list(req, res);
    }

    void system(ServerRequest req, ServerResponse res) {
        auth.system(req, req.path().pathParameters().get("tid"), "view_audit_events");
        list(req, res);
    }

    private void list(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        ETags.send(res, 200, Map.of("audit_events", AuditEventsQuery.read(events, req, p.get("tid"), p.get("wid"))
                .stream().map(AuditEventsResource::view).toList()));
    }

    static Map<String, Object> view(AuditEvent e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("event_id", e.id());
        view.put("tenant_id", e.tenantId());
        if (e.workspaceId() != null) {
            view.put("server_id", e.workspaceId());
        }
        view.put("timestamp", e.createdAt().toString());
        view.put("event_subject", e.objectType());
        view.put("action", e.action());
        Map<String, Object> metadata = new LinkedHashMap<>();
        put(metadata, "client_id", e.actorClientId());
        put(metadata, "subject", e.actorSubject());
        put(metadata, "ip", e.ip());
        put(metadata, "user_agent", e.userAgent());
        view.put("metadata", metadata);
        view.put("payload", Map.of(e.objectType() + "_" + e.action(), e.details() == null ? Map.of() : e.details()));
        Map<String, Object> context = new LinkedHashMap<>();
        put(context, "object_id", e.objectId());
        view.put("context", context);
        return view;
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
