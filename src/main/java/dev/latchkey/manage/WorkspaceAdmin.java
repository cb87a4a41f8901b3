package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.keys.KeyService;
import dev.latchkey.scope.ScopeRepository;
import dev.latchkey.scope.SystemScopes;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Transactions;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.Xid;
import dev.latchkey.workspace.Workspace;
import dev.latchkey.workspace.WorkspaceRepository;
import dev.latchkey.workspace.WorkspaceSchema;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Workspaces (Admin API createAuthorizationServer, getAuthorizationServer, updateAuthorizationServer,
 * deleteAuthorizationServer, listAuthorizationServers, listWorkspaces, getWorkspace). A create generates the
 * keys (from {@code key_type}) first, then is one transaction: the workspace, its keys, its built-in
 * services and scopes, the demo application when asked, and the audit event. Deleting a workspace deletes everything in it (foreign keys
 * cascade); the tenant's {@code admin} and {@code system} workspaces cannot be deleted (422). Every
 * committed change is published on the change bus, so the token endpoint's cached workspace drops and the
 * change applies to the next request. Returns Cloudentity's JSON shapes. Thread-safe.
 */
public final class WorkspaceAdmin {

    private static final Set<String> PROTECTED = Set.of("admin", "system");

    private final Transactions tx;
    private final WorkspaceRepository workspaces;
    private final KeyService keys;
    private final ScopeRepository scopes;
    private final ClientRepository clients;
    private final Audit audit;
    private final ChangeBus bus;
    private final Xid ids;
    private final SecureRandomness randomness;
    private final Clock clock;
    private final WorkspaceAdminInput input = new WorkspaceAdminInput(WorkspaceSchema.load());
    private final WorkspaceAdminView view;

    public WorkspaceAdmin(Transactions tx, WorkspaceRepository workspaces, KeyService keys, ScopeRepository scopes,
                          ClientRepository clients, Audit audit, ChangeBus bus, Xid ids, SecureRandomness randomness,
                          Clock clock, String baseUrl) {
        this.tx = tx;
        this.workspaces = workspaces;
        this.keys = keys;
        this.scopes = scopes;
        this.clients = clients;
        this.audit = audit;
        this.bus = bus;
        this.ids = ids;
        this.randomness = randomness;
        this.clock = clock;
        this.view = new WorkspaceAdminView(baseUrl);
    }

    /** createAuthorizationServer: the new workspace's {@code ServerResponse}. */
    public ObjectNode create(Actor actor, String tenantId, JsonNode body, boolean withDemoClient) {
        Instant now = clock.instant();
        Workspace workspace = input.forCreate(tenantId, body, new WorkspaceAdminInput.Generated(ids::next,
                () -> randomness.secret(32), () -> randomness.secret(32)), now);
        Client demo = withDemoClient ? WorkspaceAdminDemo.client(workspace, ids.next(), randomness.secret(32),
                view.issuer(workspace), now) : null;
        if (workspaces.find(tenantId, workspace.id()).isPresent()) {
            throw duplicate(); // before the keys are generated: a retried create costs no key generation
        }
        // generated before the transaction (RSA keys take tens of ms): the transaction holds no lock meanwhile
        var initialKeys = keys.initialKeys(workspace.keyType());
        ObjectNode created = commit(() -> {
            if (workspaces.find(tenantId, workspace.id()).isPresent()) {
                throw duplicate();
            }
            workspaces.insert(workspace);
            keys.insertInitialKeys(tenantId, workspace.id(), initialKeys);
            SystemScopes.seed(scopes, tenantId, workspace.id(), workspace.type(), ids::next);
            Map<String, Object> details = details(workspace);
            if (demo != null) {
                clients.insert(demo);
                details.put("demo_client_id", demo.clientId());
            }
            audit.record(actor, workspace.id(), "created", "server", workspace.id(), details);
            return representation(workspace);
        });
        // the token endpoint may have cached this id as unknown: drop that
        bus.publish(new Change("workspace", tenantId, workspace.id(), workspace.id()));
        if (demo != null) {
            bus.publish(new Change("client", tenantId, workspace.id(), demo.clientId()));
        }
        return created;
    }

    /** getAuthorizationServer / getWorkspace; {@code precondition} sees the representation (If-Match). */
    public ObjectNode get(String tenantId, String id, Consumer<ObjectNode> precondition) {
        Workspace workspace = workspaces.find(tenantId, id).orElseThrow(WorkspaceAdmin::notFound);
        ObjectNode current = representation(workspace);
        precondition.accept(current);
        return current;
    }

    /** updateAuthorizationServer: replaces the workspace; {@code precondition} sees the current one first. */
    public ObjectNode update(Actor actor, String tenantId, String id, JsonNode body,
                             Consumer<ObjectNode> precondition) {
        ObjectNode updated = tx.inTransaction(() -> {
            Workspace current = workspaces.lock(tenantId, id).orElseThrow(WorkspaceAdmin::notFound);
            ObjectNode before = representation(current);
            precondition.accept(before);
            Workspace next = input.forUpdate(current, body);
            workspaces.update(next);
            ObjectNode after = representation(next);
            Map<String, Object> details = details(next);
            details.put("changed_fields", changedFields(before, after));
            audit.record(actor, id, "updated", "server", id, details);
            return after;
        });
        bus.publish(new Change("workspace", tenantId, id, id));
        return updated;
    }

    /** deleteAuthorizationServer; {@code precondition} sees the current representation first (If-Match). */
    public void delete(Actor actor, String tenantId, String id, Consumer<ObjectNode> precondition) {
        tx.run(() -> {
            Workspace current = workspaces.lock(tenantId, id).orElseThrow(WorkspaceAdmin::notFound);
            precondition.accept(representation(current));
            if (PROTECTED.contains(id)) {
                throw ApiException.unprocessable("The " + id + " workspace cannot be deleted");
            }
            if (!workspaces.delete(tenantId, id)) {
                throw notFound();
            }
            audit.record(actor, id, "deleted", "server", id, details(current));
        });
        bus.publish(new Change("workspace", tenantId, id, id));
    }

    /** listAuthorizationServers: {@code {"servers": [ServerResponse...]}}. */
    public ObjectNode listServers(String tenantId, WorkspaceAdminList parameters) {
        var query = parameters.query(tenantId, WorkspaceAdminList.Names.SERVERS);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode servers = out.putArray("servers");
        workspaces.page(query).forEach(w -> servers.add(representation(w)));
        return out;
    }

    /** listWorkspaces: {@code {"workspaces": [WorkspaceResponse...]}}. */
    public ObjectNode listWorkspaces(String tenantId, WorkspaceAdminList parameters) {
        var query = parameters.query(tenantId, WorkspaceAdminList.Names.WORKSPACES);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("workspaces");
        if (!parameters.matchesNothing()) {
            workspaces.page(query).forEach(w -> list.add(view.workspace(w)));
        }
        return out;
    }

    private ObjectNode representation(Workspace workspace) {
        return view.server(workspace, keys.publicKeys(workspace.tenantId(), workspace.id()));
    }

    /** Names of the top-level fields whose values differ (never the values: they may be secrets). */
    private static List<String> changedFields(ObjectNode before, ObjectNode after) {
        Set<String> names = new TreeSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        return names.stream().filter(n -> !java.util.Objects.equals(before.get(n), after.get(n))).toList();
    }

    private static Map<String, Object> details(Workspace w) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", w.name());
        details.put("type", w.type());
        details.put("profile", w.profile());
        return details;
    }

    /** Runs {@code work} in one transaction; a unique-key violation (a concurrent create) is 409. */
    private ObjectNode commit(Supplier<ObjectNode> work) {
        return tx.inTransactionUnique(work, () -> duplicate());
    }

    private static ApiException duplicate() {
        return ApiException.conflict("A workspace with this id already exists");
    }

    private static ApiException notFound() {
        return ApiException.notFound("Workspace not found");
    }
}
