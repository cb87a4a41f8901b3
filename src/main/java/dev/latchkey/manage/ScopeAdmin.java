package dev.latchkey.manage;

import dev.latchkey.scope.Scope;
import dev.latchkey.scope.ScopeRepository;
import dev.latchkey.scope.Service;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Transactions;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Xid;
import dev.latchkey.workspace.WorkspaceRepository;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static dev.latchkey.manage.ScopeRules.orNull;

/**
 * Scopes (Admin API {@code createScope}, {@code getScope}, {@code updateScope}, {@code deleteScope},
 * {@code listScopes}). A scope lives in the workspace of its body's {@code authorization_server_id}, or of
 * its service. Built-in scopes cannot be deleted or renamed (422), nor can scopes be added to built-in
 * services. A committed change is published at once: the token endpoint's cached workspace drops, so a
 * deleted scope is {@code invalid_scope} on the next request. Thread-safe.
 */
public final class ScopeAdmin {

    private final ScopeRepository scopes;
    private final WorkspaceRepository workspaces;
    private final Transactions tx;
    private final Audit audit;
    private final ChangeBus bus;
    private final Xid ids;

    public ScopeAdmin(ScopeRepository scopes, WorkspaceRepository workspaces, Transactions tx, Audit audit,
                      ChangeBus bus, Xid ids) {
        this.scopes = scopes;
        this.workspaces = workspaces;
        this.tx = tx;
        this.audit = audit;
        this.bus = bus;
        this.ids = ids;
    }

    public ScopeDetails get(String tenantId, String id) {
        Scope scope = scopes.findScope(tenantId, id).orElseThrow(ScopeAdmin::notFound);
        Service service = scope.serviceId() == null ? null : scopes.findService(tenantId, scope.serviceId()).orElse(null);
        return new ScopeDetails(scope, service);
    }

    /** Every scope of a workspace with its service, by name. */
    public List<ScopeDetails> list(String tenantId, String workspaceId) {
        ScopeRules.requireWorkspace(workspaces, tenantId, workspaceId);
        Map<String, Service> services = scopes.servicesOf(tenantId, workspaceId).stream()
                .collect(Collectors.toMap(Service::id, Function.identity()));
        return scopes.scopesOf(tenantId, workspaceId).stream()
                .map(s -> new ScopeDetails(s, s.serviceId() == null ? null : services.get(s.serviceId()))).toList();
    }

    public Scope create(Actor actor, String tenantId, ScopeRequest body) {
        String id = ScopeRules.idOrGenerated(body.id(), ids.next());
        ScopeRules.scopeName(body.name());
        ScopeRules.sameTenant(body.tenantId(), tenantId);
        String serviceId = orNull(body.serviceId());
        String workspaceId = orNull(body.authorizationServerId());
        if (serviceId == null && workspaceId == null) {
            throw ScopeRules.invalid("authorization_server_id", "authorization_server_id or service_id is required");
        }
        Scope created = commit(() -> {
            String aid = workspaceId;
            if (serviceId != null) {
                Service service = scopes.findService(tenantId, serviceId)
                        .orElseThrow(() -> ApiException.notFound("Service not found"));
                if (aid != null && !aid.equals(service.authorizationServerId())) {
                    throw ApiException.unprocessable("The service belongs to another workspace");
                }
                if (service.system()) {
                    throw ApiException.unprocessable("Scopes cannot be added to a built-in service");
                }
                aid = service.authorizationServerId();
            }
            ScopeRules.requireWorkspace(workspaces, tenantId, aid);
            if (scopes.findScope(tenantId, id).isPresent()) {
                throw ApiException.conflict("A scope with this id already exists");
            }
            Scope scope = new Scope(id, tenantId, aid, serviceId, body.name(), body.description(), false,
                    body.displayName(), body.implicit(), body.implicitGrant(), body.transientGrants(), body.metadata());
            requireUniqueName(scope);
            scopes.saveScope(scope);
            audit.record(actor, aid, "created", "scope", id, details(scope));
            return scope;
        });
        bus.publish(new Change("scope", tenantId, created.authorizationServerId(), id));
        return created;
    }

    /** Updates a scope; {@code precondition} sees the current one first (If-Match) and may throw. */
    public Scope update(Actor actor, String tenantId, String id, ScopeRequest body,
                        Consumer<ScopeDetails> precondition) {
        if (!ScopeRules.blank(body.id()) && !body.id().equals(id)) {
            throw ScopeRules.invalid("id", "id does not match the scope of the path");
        }
        ScopeRules.scopeName(body.name());
        ScopeRules.sameTenant(body.tenantId(), tenantId);
        Scope updated = commit(() -> {
            ScopeDetails current = get(tenantId, id);
            precondition.accept(current);
            Scope old = current.scope();
            if (old.system() && !old.name().equals(body.name())) {
                throw ApiException.unprocessable("A built-in scope cannot be renamed");
            }
            if (orNull(body.authorizationServerId()) != null
                    && !body.authorizationServerId().equals(old.authorizationServerId())) {
                throw ApiException.unprocessable("A scope cannot be moved to another workspace");
            }
            if (orNull(body.serviceId()) != null && !body.serviceId().equals(old.serviceId())) {
                throw ApiException.unprocessable("A scope cannot be moved to another service");
            }
            Scope scope = new Scope(id, tenantId, old.authorizationServerId(), old.serviceId(), body.name(),
                    body.description(), old.system(), body.displayName(), body.implicit(), body.implicitGrant(),
                    body.transientGrants(), body.metadata());
            requireUniqueName(scope);
            scopes.saveScope(scope);
            audit.record(actor, scope.authorizationServerId(), "updated", "scope", id, details(scope));
            return scope;
        });
        bus.publish(new Change("scope", tenantId, updated.authorizationServerId(), id));
        return updated;
    }

    /** Deletes a scope; {@code precondition} sees the current one first (If-Match) and may throw. */
    public void delete(Actor actor, String tenantId, String id, Consumer<ScopeDetails> precondition) {
        Scope deleted = tx.inTransaction(() -> {
            ScopeDetails current = get(tenantId, id);
            precondition.accept(current);
            if (current.scope().system()) {
                throw ApiException.unprocessable("A built-in scope cannot be deleted");
            }
            if (!scopes.deleteScope(tenantId, id)) {
                throw notFound();
            }
            audit.record(actor, current.scope().authorizationServerId(), "deleted", "scope", id,
                    details(current.scope()));
            return current.scope();
        });
        bus.publish(new Change("scope", tenantId, deleted.authorizationServerId(), id));
    }

    private void requireUniqueName(Scope scope) {
        boolean taken = scopes.scopesOf(scope.tenantId(), scope.authorizationServerId()).stream()
                .anyMatch(s -> s.name().equals(scope.name()) && !s.id().equals(scope.id()));
        if (taken) {
            throw ApiException.conflict("A scope with this name already exists in the workspace");
        }
    }

    /** Runs {@code work} in one transaction; a unique-key violation (a concurrent create) is 409. */
    private Scope commit(Supplier<Scope> work) {
        return tx.inTransactionUnique(work, () -> ApiException.conflict("A scope with this id or name already exists"));
    }

    private static Map<String, Object> details(Scope scope) {
        return Map.of("name", scope.name(), "service_id", scope.serviceId() == null ? "" : scope.serviceId());
    }

    private static ApiException notFound() {
        return ApiException.notFound("Scope not found");
    }
}
