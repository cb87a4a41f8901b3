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

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static dev.latchkey.manage.ScopeRules.orNull;

/**
 * Services (Admin API {@code createService}, {@code getService}, {@code updateService},
 * {@code deleteService}, {@code listServices}). A service lives in the workspace of its body's
 * {@code authorization_server_id}; its audience is {@code spiffe:/tid/aid/id}. Only {@code user} services
 * can be created; built-in services cannot be deleted or renamed (422). Deleting a service deletes its
 * scopes with it (a scope's audience is its service's, so a detached scope would silently change the
 * {@code aud} of the tokens that carry it). Thread-safe.
 */
public final class ServiceAdmin {

    private final ScopeRepository scopes;
    private final WorkspaceRepository workspaces;
    private final Transactions tx;
    private final Audit audit;
    private final ChangeBus bus;
    private final Xid ids;
    private final Clock clock;

    public ServiceAdmin(ScopeRepository scopes, WorkspaceRepository workspaces, Transactions tx, Audit audit,
                        ChangeBus bus, Xid ids, Clock clock) {
        this.scopes = scopes;
        this.workspaces = workspaces;
        this.tx = tx;
        this.audit = audit;
        this.bus = bus;
        this.ids = ids;
        this.clock = clock;
    }

    public ServiceDetails get(String tenantId, String id) {
        Service service = scopes.findService(tenantId, id).orElseThrow(ServiceAdmin::notFound);
        return new ServiceDetails(service, scopesOf(service));
    }

    /** The services of a workspace that {@code query} selects, each with its scopes. */
    public List<ServiceDetails> list(String tenantId, String workspaceId, ServiceQuery query) {
        ScopeRules.requireWorkspace(workspaces, tenantId, workspaceId);
        Map<String, List<Scope>> byService = scopes.scopesOf(tenantId, workspaceId).stream()
                .filter(s -> s.serviceId() != null).collect(Collectors.groupingBy(Scope::serviceId));
        return query.apply(scopes.servicesOf(tenantId, workspaceId)).stream()
                .map(s -> new ServiceDetails(s, byService.getOrDefault(s.id(), List.of()))).toList();
    }

    public Service create(Actor actor, String tenantId, ServiceRequest body) {
        String id = ScopeRules.idOrGenerated(body.id(), ids.next());
        checkBody(body, tenantId);
        String workspaceId = orNull(body.authorizationServerId());
        if (workspaceId == null) {
            throw ScopeRules.invalid("authorization_server_id", "authorization_server_id is required");
        }
        String type = orNull(body.type()) == null ? "user" : body.type();
        if (!type.equals("user") || Boolean.TRUE.equals(body.system())) {
            throw ApiException.unprocessable("Only user services can be created: built-in services come with "
                    + "their workspace");
        }
        Service created = commit(() -> {
            ScopeRules.requireWorkspace(workspaces, tenantId, workspaceId);
            if (scopes.findService(tenantId, id).isPresent()) {
                throw ApiException.conflict("A service with this id already exists");
            }
            Service service = new Service(id, tenantId, workspaceId, body.name(), body.description(), type, false,
                    body.customAudience(), body.gatewayId(), false, clock.instant());
            scopes.saveService(service);
            audit.record(actor, workspaceId, "created", "service", id, Map.of("name", service.name()));
            return service;
        });
        bus.publish(new Change("service", tenantId, workspaceId, id));
        return created;
    }

    /** Updates a service; {@code precondition} sees the current one first (If-Match) and may throw. */
    public Service update(Actor actor, String tenantId, String id, ServiceRequest body,
                          Consumer<ServiceDetails> precondition) {
        if (!ScopeRules.blank(body.id()) && !body.id().equals(id)) {
            throw ScopeRules.invalid("id", "id does not match the service of the path");
        }
        checkBody(body, tenantId);
        Service updated = commit(() -> {
            ServiceDetails current = get(tenantId, id);
            precondition.accept(current);
            Service old = current.service();
            if (old.system() && !old.name().equals(body.name())) {
                throw ApiException.unprocessable("A built-in service cannot be renamed");
            }
            if (orNull(body.authorizationServerId()) != null
                    && !body.authorizationServerId().equals(old.authorizationServerId())) {
                throw ApiException.unprocessable("A service cannot be moved to another workspace");
            }
            if (orNull(body.type()) != null && !body.type().equals(old.type())) {
                throw ApiException.unprocessable("The type of a service cannot be changed");
            }
            Service service = new Service(id, tenantId, old.authorizationServerId(), body.name(), body.description(),
                    old.type(), old.system(), body.customAudience(), body.gatewayId(), old.withSpecification(),
                    clock.instant());
            scopes.saveService(service);
            audit.record(actor, service.authorizationServerId(), "updated", "service", id,
                    Map.of("name", service.name()));
            return service;
        });
        bus.publish(new Change("service", tenantId, updated.authorizationServerId(), id));
        return updated;
    }

    /** Deletes a service and its scopes; {@code precondition} sees the current one first (If-Match). */
    public void delete(Actor actor, String tenantId, String id, Consumer<ServiceDetails> precondition) {
        ServiceDetails deleted = tx.inTransaction(() -> {
            ServiceDetails current = get(tenantId, id);
            precondition.accept(current);
            if (current.service().system()) {
                throw ApiException.unprocessable("A built-in service cannot be deleted");
            }
            if (!scopes.deleteService(tenantId, id)) {
                throw notFound();
            }
            audit.record(actor, current.service().authorizationServerId(), "deleted", "service", id,
                    Map.of("name", current.service().name(),
                            "deleted_scopes", current.scopes().stream().map(Scope::name).toList()));
            return current;
        });
        String workspaceId = deleted.service().authorizationServerId();
        bus.publish(new Change("service", tenantId, workspaceId, id));
        deleted.scopes().forEach(s -> bus.publish(new Change("scope", tenantId, workspaceId, s.id())));
    }

    private List<Scope> scopesOf(Service service) {
        return scopes.scopesOf(service.tenantId(), service.authorizationServerId()).stream()
                .filter(s -> service.id().equals(s.serviceId())).toList();
    }

    private static void checkBody(ServiceRequest body, String tenantId) {
        ScopeRules.requiredName("name", body.name());
        ScopeRules.sameTenant(body.tenantId(), tenantId);
        if (orNull(body.type()) != null && !ServiceQuery.TYPES.contains(body.type())) {
            throw ScopeRules.invalid("type", "type must be one of " + ServiceQuery.TYPES);
        }
    }

    /** Runs {@code work} in one transaction; a unique-key violation (a concurrent create) is 409. */
    private Service commit(Supplier<Service> work) {
        return tx.inTransactionUnique(work, () -> ApiException.conflict("A service with this id already exists"));
    }

    private static ApiException notFound() {
        return ApiException.notFound("Service not found");
    }
}
