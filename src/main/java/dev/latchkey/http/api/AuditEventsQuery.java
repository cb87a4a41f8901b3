package dev.latchkey.http.api;

import static dev.latchkey.http.api.QueryParams.bad;
import static dev.latchkey.http.api.QueryParams.limit;

import dev.latchkey.audit.AuditEvent;
import dev.latchkey.audit.AuditEventReader;
import dev.latchkey.audit.AuditQuery;
import io.helidon.webserver.http.ServerRequest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code listAuditEvents} that this server's events carry: {@code client_id},
 * {@code subject}, {@code ip}, {@code event_subject} and {@code event_action} (repeated or comma-separated,
 * each among the known values), {@code timestamp_from} and {@code timestamp_to} (RFC 3339),
 * {@code after_event_id} or {@code before_event_id}, {@code sort} ({@code timestamp} only), {@code order}
 * ({@code desc}, the default: newest first, or {@code asc}) and {@code limit} (1 to 100, default 20). The
 * spec's other filters (session, IDP, pool, user, group, organization) are refused with a 400 rather than
 * ignored, since no event here would match them. Anything wrong is a 400 naming the parameter. The Admin and
 * System APIs and the console's audit page ({@code http.console.AuditPages}, whose GET form uses these names)
 * read the events through {@link #read}.
 */
public final class AuditEventsQuery {

    /** Cloudentity's event subjects, and those of this server's own objects. */
    public static final Set<String> SUBJECTS = Set.of("request", "gateway_request", "gateway_policy", "policy", "client",
            "credential", "login", "risk", "post_authn", "recovery", "consent", "client_consents",
            "customer_consents", "authorization_code", "access_token", "saml_assertion", "scopes", "claims", "otp",
            "user", "schema", "pool", "password", "bruteforce", "dcr", "script", "role", "task", "jit", "tokens",
            "service", "server", "import", "organization", "otp_inspect", "totp", "webauthn", "group",
            "tenant", "idp", "scope", "key", "key_rotation", "client_secret", "mfa_method", "rate_limit");
    /** Cloudentity's actions, and {@code rotated} and {@code tested} of this server's management changes. */
    public static final Set<String> ACTIONS = Set.of("authenticated", "challenged", "authorized", "unauthorized",
            "created", "updated", "deleted", "generated", "requested", "confirmed", "accepted", "rejected",
            "revoked", "notified", "issued", "denied", "granted", "attempted", "failed", "succeeded", "sent",
            "not_sent", "executed", "calculated", "reset_requested", "reset_completed", "add_requested",
            "add_completed", "added_to_group", "removed_from_group", "rotated", "tested");
    private static final List<String> UNSUPPORTED = List.of("session_id", "authorization_correlation_id",
            "idp_subject", "idp_id", "idp_method", "user_pool_id", "user_id", "affected_user_pool_id",
            "affected_user_id", "group_id", "organization_id");
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f.:]{2,45}");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private AuditEventsQuery() {
    }

    /**
     * The page of {@code workspaceId}'s events the request's query parameters ask for; a 400 naming the parameter
     * when one is wrong, or when the cursor names no event of the workspace.
     */
    public static List<AuditEvent> read(AuditEventReader events, ServerRequest req, String tenantId,
                                        String workspaceId) {
        AuditQuery query = of(req, tenantId, workspaceId);
        if (query.cursor() != null && !events.exists(query.tenantId(), query.workspaceId(), query.cursor())) {
            String name = query.afterEventId() != null ? "after_event_id" : "before_event_id";
            throw bad(name + " names no event of this workspace", name);
        }
        return events.list(query);
    }

    static AuditQuery of(ServerRequest req, String tenantId, String workspaceId) {
        for (String name : UNSUPPORTED) {
            if (ClientsQuery.single(req, name) != null) {
                throw bad(name + " is not supported: no audit event of this server carries it", name);
            }
        }
        String clientId = text(req, "client_id");
        String subject = text(req, "subject");
        String ip = ClientsQuery.single(req, "ip");
        if (ip != null && !IP.matcher(ip).matches()) {
            throw bad("ip must be an IPv4 or IPv6 address", "ip");
        }
        Instant from = time(req, "timestamp_from");
        Instant to = time(req, "timestamp_to");
        if (from != null && to != null && from.isAfter(to)) {
            throw bad("timestamp_from must not be after timestamp_to", "timestamp_from");
        }
        String after = eventId(req, "after_event_id");
        String before = eventId(req, "before_event_id");
        if (after != null && before != null) {
            throw bad("Use after_event_id or before_event_id, not both", "before_event_id");
        }
        String sort = ClientsQuery.single(req, "sort");
        if (sort != null && !sort.equals("timestamp")) {
            throw bad("sort must be timestamp", "sort");
        }
        String order = ClientsQuery.single(req, "order");
        if (order != null && !order.equalsIgnoreCase("asc") && !order.equalsIgnoreCase("desc")) {
            throw bad("order must be asc or desc", "order");
        }
        return new AuditQuery(tenantId, workspaceId, clientId, subject, ip, list(req, "event_subject", SUBJECTS),
                list(req, "event_action", ACTIONS), from, to, after, before,
                order == null || order.equalsIgnoreCase("desc"), limit(ClientsQuery.single(req, "limit")));
    }

    private static String text(ServerRequest req, String name) {
        String value = ClientsQuery.single(req, name);
        if (value != null && (value.length() > 255 || value.chars().anyMatch(Character::isISOControl))) {
            throw bad(name + " must be at most 255 characters, without control characters", name);
        }
        return value;
    }

    private static String eventId(ServerRequest req, String name) {
        String value = ClientsQuery.single(req, name);
        if (value != null && !EVENT_ID.matcher(value).matches()) {
            throw bad(name + " is not an event id", name);
        }
        return value;
    }

    private static Instant time(ServerRequest req, String name) {
        String value = ClientsQuery.single(req, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(name + " must be an RFC 3339 date-time, e.g. 2026-11-27T10:00:00Z", name);
        }
    }

    private static List<String> list(ServerRequest req, String name, Set<String> allowed) {
        List<String> values = new ArrayList<>();
        List<String> given = new ArrayList<>();
        if (req.query().contains(name)) {
            given.addAll(req.query().all(name));
        }
        if (req.query().contains(name + "[]")) {
            given.addAll(req.query().all(name + "[]"));
        }
        for (String value : given) {
            for (String item : value.split(",")) {
                String trimmed = item.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!allowed.contains(trimmed)) {
                    throw bad(name + " has an unknown value: " + (trimmed.length() > 40 ? trimmed.substring(0, 40)
                            : trimmed), name);
                }
                if (!values.contains(trimmed)) {
                    values.add(trimmed);
                }
            }
        }
        return values;
    }
}
