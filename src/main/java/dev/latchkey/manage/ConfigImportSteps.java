package dev.latchkey.manage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.idp.IdpRepository;
import dev.latchkey.idp.StaticIdp;
import dev.latchkey.idp.StaticUser;
import dev.latchkey.mfa.MfaMethod;
import dev.latchkey.mfa.MfaMethodRepository;
import dev.latchkey.manage.ConfigReport.Outcome;
import dev.latchkey.scope.Scope;
import dev.latchkey.scope.ScopeRepository;
import dev.latchkey.scope.Service;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import dev.latchkey.workspace.Workspace;
import dev.latchkey.workspace.WorkspaceRepository;
import dev.latchkey.workspace.WorkspaceSchema;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The steps of one import ({@link ConfigImport}), one per entity type: find the entity, then create it
 * through its Admin API service, or, when it exists, fail, leave it, or update it when its dump shape
 * ({@link ConfigViews}, secrets included) differs from what it would become. References are checked against
 * what the transaction sees (entities stored before and those the import created); an error is recorded
 * with its path and the import goes on. Not thread-safe: one per import.
 */
final class ConfigImportSteps {

    /** The repositories an import reads. */
    record Lookups(WorkspaceRepository workspaces, ClientRepository clients, IdpRepository idps,
                   ScopeRepository scopes, MfaMethodRepository mfa) {
    }

    private record Result(Outcome outcome, String id) {
    }

    private interface Step {
        Result apply(String path, ObjectNode node);
    }

    private final Actor actor;
    private final String tid;
    private final ConfigImport.Mode mode;
    private final ConfigAdmins admins;
    private final Lookups db;
    private final ConfigReport report;
    private final ConfigViews views;
    private final Clock clock;
    private final WorkspaceAdminInput input = new WorkspaceAdminInput(WorkspaceSchema.load());

    ConfigImportSteps(Actor actor, String tenantId, ConfigImport.Mode mode, ConfigAdmins admins, Lookups db,
                      ConfigReport report, ConfigViews views, Clock clock) {
        this.actor = actor;
        this.tid = tenantId;
        this.mode = mode;
        this.admins = admins;
        this.db = db;
        this.report = report;
        this.views = views;
        this.clock = clock;
    }

    void section(String kind, JsonNode list) {
        Step step = switch (kind) {
            case "servers" -> this::server;
            case "services" -> this::service;
            case "scopes" -> this::scope;
            case "idps" -> this::idp;
            case "clients" -> this::client;
            case "mfa_methods" -> this::mfa;
            default -> throw new IllegalArgumentException(kind);
        };
        for (int i = 0; i < list.size(); i++) {
            String path = kind + "[" + i + "]";
            JsonNode node = list.get(i);
            try {
                if (!node.isObject()) {
                    throw new ApiException(400, "bad_request", "must be a JSON object");
                }
                Result result = step.apply(path, (ObjectNode) node);
                report.add(result.outcome(), kind, result.id());
            } catch (PathError e) {
                report.error(e.path, e.getMessage(), e.conflict);
            } catch (ApiException e) {
                Object field = e.details().getOrDefault("field", e.details().get("parameter"));
                report.error(field == null ? path : path + "." + field, e.getMessage(), false);
            } catch (RuntimeException e) {
                // a database error: the transaction may be unusable (PostgreSQL), so the import stops here
                report.error(path, "could not be stored (" + e.getClass().getSimpleName() + ")", false);
                throw new Stopped();
            }
        }
    }

    private Result server(String path, ObjectNode node) {
        String id = required(path, node, "id");
        Optional<Workspace> current = db.workspaces().find(tid, id);
        if (current.isEmpty()) {
            admins.workspaces().create(actor, tid, node, false);
            return new Result(Outcome.CREATED, id);
        }
        return existing(path + ".id", "workspace", id, () -> views.server(current.get(), true),
                () -> views.server(input.forUpdate(current.get(), node), true),
                () -> admins.workspaces().update(actor, tid, id, node, x -> { }));
    }

    private Result service(String path, ObjectNode node) {
        ServiceRequest body = read(node, ServiceRequest.class);
        String id = required(path, node, "id");
        Optional<Service> current = db.scopes().findService(tid, id);
        if (current.isEmpty()) {
            requireWorkspace(path, required(path, node, "authorization_server_id"));
            admins.services().create(actor, tid, body);
            return new Result(Outcome.CREATED, id);
        }
        Service old = current.get();
        return existing(path + ".id", "service", id, () -> ConfigViews.service(old),
                () -> ConfigViews.service(new Service(id, tid, or(body.authorizationServerId(),
                        old.authorizationServerId()), body.name(), body.description(), or(body.type(), old.type()),
                        old.system(), body.customAudience(), body.gatewayId(),
                        old.withSpecification(), null)),
                () -> admins.services().update(actor, tid, id, body, x -> { }));
    }

    private Result scope(String path, ObjectNode node) {
        ScopeRequest body = read(node, ScopeRequest.class);
        String id = required(path, node, "id");
        Optional<Scope> current = db.scopes().findScope(tid, id);
        if (current.isEmpty()) {
            if (!ScopeRules.blank(body.serviceId())) {
                if (db.scopes().findService(tid, body.serviceId()).isEmpty()) {
                    throw new PathError(path + ".service_id", "no such service \"" + body.serviceId() + "\"");
                }
            } else {
                requireWorkspace(path, required(path, node, "authorization_server_id"));
            }
            admins.scopes().create(actor, tid, body);
            return new Result(Outcome.CREATED, id);
        }
        Scope old = current.get();
        return existing(path + ".id", "scope", id, () -> ConfigViews.scope(old),
                () -> ConfigViews.scope(new Scope(id, tid, or(body.authorizationServerId(), old.authorizationServerId()),
                        or(body.serviceId(), old.serviceId()), body.name(),
                        body.description(), old.system(), body.displayName(), body.implicit(), body.implicitGrant(),
                        body.transientGrants(), body.metadata())),
                () -> admins.scopes().update(actor, tid, id, body, x -> { }));
    }

    private Result idp(String path, ObjectNode node) {
        StaticIdp body = read(node, StaticIdp.class);
        String id = required(path, node, "id");
        String workspaceId = required(path, node, "authorization_server_id");
        requireWorkspace(path, workspaceId);
        Optional<StaticIdp> current = db.idps().findStatic(tid, workspaceId, id);
        if (current.isEmpty()) {
            admins.idps().createStatic(actor, tid, workspaceId, body);
            return new Result(Outcome.CREATED, id);
        }
        // a dump exported without secrets has no passwords: a user keeps the one it has
        Map<String, String> passwords = current.get().users().stream()
                .collect(Collectors.toMap(StaticUser::username, StaticUser::password, (a, b) -> a));
        StaticIdp filled = body.withPasswords(u -> u.password() == null || u.password().isEmpty()
                ? passwords.get(u.username()) : u.password());
        return existing(path + ".id", "IDP", id, () -> ConfigViews.idp(current.get(), true),
                () -> ConfigViews.idp(IdpValidation.check(filled, tid, workspaceId, id, null), true),
                () -> admins.idps().updateStatic(actor, tid, workspaceId, id, filled, x -> { }));
    }

    private Result client(String path, ObjectNode node) {
        ClientAdminRequest request = ClientAdminRequest.of(node);
        String id = required(path, node, "client_id");
        Optional<Client> current = db.clients().find(tid, id);
        if (current.isEmpty()) {
            requireWorkspace(path, required(path, node, "authorization_server_id"));
            admins.clients().create(actor, tid, request, null);
            return new Result(Outcome.CREATED, id);
        }
        var now = clock.instant();
        return existing(path + ".client_id", "client", id, () -> ConfigViews.client(current.get(), now, true),
                () -> ConfigViews.client(ClientAdminDraft.update(current.get(), request, now), now, true),
                () -> admins.clients().update(actor, tid, id, request, x -> { }));
    }

    private Result mfa(String path, ObjectNode node) {
        MfaAdmin.Request body = read(node, MfaAdmin.Request.class);
        String id = required(path, node, "id");
        Optional<MfaMethod> current = db.mfa().find(tid, id);
        if (current.isEmpty()) {
            admins.mfa().create(actor, tid, body);
            return new Result(Outcome.CREATED, id);
        }
        return existing(path + ".id", "MFA method", id, () -> ConfigViews.mfa(current.get(), true),
                () -> ConfigViews.mfa(admins.mfa().validated(tid, id, body, current.get().auth()), true),
                () -> admins.mfa().update(actor, tid, id, body, x -> { }));
    }

    /** An entity that exists: per the mode, an error, left as it is, or updated where it differs. */
    private Result existing(String path, String what, String id, java.util.function.Supplier<ObjectNode> before,
                            java.util.function.Supplier<ObjectNode> after, Runnable update) {
        switch (mode) {
            case FAIL -> throw new PathError(path, what + " \"" + id + "\" already exists", true);
            case IGNORE -> {
                return new Result(Outcome.UNCHANGED, id);
            }
            default -> {
                if (before.get().equals(after.get())) {
                    return new Result(Outcome.UNCHANGED, id);
                }
                update.run();
                return new Result(Outcome.UPDATED, id);
            }
        }
    }

    private void requireWorkspace(String path, String workspaceId) {
        if (db.workspaces().find(tid, workspaceId).isEmpty()) {
            throw new PathError(path + ".authorization_server_id", "no such workspace \"" + workspaceId + "\"");
        }
    }

    /** What the dump gives, or what the entity has when the dump leaves it out (the Admin API's reading). */
    private static String or(String given, String current) {
        return ScopeRules.blank(given) ? current : given;
    }

    private static String required(String path, ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new PathError(path + "." + field, "missing required field '" + field + "'");
        }
        return value.asText();
    }

    private static <T> T read(ObjectNode node, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "invalid" : e.getOriginalMessage();
            int newline = message.indexOf('\n');
            message = newline >= 0 ? message.substring(0, newline) : message;
            throw new ApiException(400, "bad_request", message.length() > 200 ? message.substring(0, 200) : message);
        }
    }

    /** Thrown when the import cannot go on; the report says why. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** An error at a given path of the dump. */
    private static final class PathError extends RuntimeException {
        private final String path;
        private final boolean conflict;

        PathError(String path, String message) {
            this(path, message, false);
        }

        PathError(String path, String message, boolean conflict) {
            super(message, null, false, false);
            this.path = path;
            this.conflict = conflict;
        }
    }
}
