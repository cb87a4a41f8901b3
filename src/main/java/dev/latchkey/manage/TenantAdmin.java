package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.console.ConsoleClient;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.keys.KeyService;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Transactions;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Json;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.Xid;
import dev.latchkey.tenant.Tenant;
import dev.latchkey.tenant.TenantRepository;
import dev.latchkey.workspace.Workspace;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Tenants (root API listTenants, createTenant, getTenant, updateTenant, deleteTenant; Admin API
 * getAdminTenant, updateAdminTenant). A create is one transaction: the tenant, its {@code admin} and
 * {@code system} workspaces (and {@code default} with default workspaces) made by
 * {@link TenantProvisioning} as the first start makes them, an admin application in its {@code admin}
 * workspace (the only way into the new tenant's Admin API: its secret is in the answer), and the audit
 * event. A delete is one transaction that removes every row of the tenant; the {@code system} tenant cannot
 * be deleted (422). Every committed change is published as a {@code tenant} change, so every node's caches
 * drop the tenant and its tokens are refused from the next request. Thread-safe.
 */
public final class TenantAdmin {

    /** As workspace ids: they are path segments. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /**
     * Ids that would make URLs ambiguous: {@code /api/...} and {@code /app/...} are not tenant paths, and
     * {@code /api/system/tenants}, {@code /api/system/configuration}, {@code /api/admin/tenants} are root API.
     */
    private static final Set<String> RESERVED = Set.of("api", "app", "tenants", "configuration");
    private static final int MAX_NAME = 255;

    /** createTenant's outcome: the tenant, its workspaces ({@code ServerResponse}) and its applications. */
    public record Created(ObjectNode tenant, List<ObjectNode> servers, List<Client> clients) {
    }

    private final Transactions tx;
    private final TenantRepository tenants;
    private final TenantProvisioning provisioning;
    private final ClientRepository clients;
    private final KeyService keys;
    private final Audit audit;
    private final ChangeBus bus;
    private final Xid ids;
    private final SecureRandomness randomness;
    private final Clock clock;
    private final String baseUrl;
    private final WorkspaceAdminView view;

    public TenantAdmin(Transactions tx, TenantRepository tenants, TenantProvisioning provisioning,
                       ClientRepository clients, KeyService keys, Audit audit, ChangeBus bus, Xid ids,
                       SecureRandomness randomness, Clock clock, String baseUrl) {
        this.tx = tx;
        this.tenants = tenants;
        this.provisioning = provisioning;
        this.clients = clients;
        this.keys = keys;
        this.audit = audit;
        this.bus = bus;
        this.ids = ids;
        this.randomness = randomness;
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.view = new WorkspaceAdminView(baseUrl);
    }

    /** listTenants: {@code {"tenants": [Tenant...]}}, by id, filtered by {@code query} ({@link TenantFilter}). */
    public ObjectNode list(String query) {
        var filter = TenantFilter.parse(query);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("tenants");
        tenants.list().stream().filter(filter).forEach(t -> list.add(representation(t)));
        return out;
    }

    /** getTenant / getAdminTenant; {@code precondition} sees the representation (If-Match). */
    public ObjectNode get(String tenantId, Consumer<ObjectNode> precondition) {
        ObjectNode current = representation(tenants.find(tenantId).orElseThrow(TenantAdmin::notFound));
        precondition.accept(current);
        return current;
    }

    /** createTenant. */
    public Created create(Actor actor, TenantInput input, boolean withDefaultWorkspaces) {
        String id = input.id() == null || input.id().isEmpty() ? ids.next() : input.id();
        checkId(id);
        Instant now = clock.instant();
        Tenant tenant = new Tenant(id, name(input), object("metadata", input.metadata()),
                object("settings", input.settings()), object("styling", input.styling()), now);
        Client admin = TenantProvisioning.adminApplication(id, ids.next(), randomness.secret(32), now);
        Created created = commit(() -> {
            if (tenants.find(id).isPresent()) {
                throw duplicate();
            }
            tenants.insert(tenant);
            List<Workspace> workspaces = provisioning.workspaces(id, withDefaultWorkspaces, now);
            clients.insert(admin);
            clients.insert(ConsoleClient.client(id, baseUrl, now)); // the tenant's console at /app/{id}/admin
            Map<String, Object> details = details(tenant);
            details.put("with_default_workspaces", withDefaultWorkspaces);
            details.put("workspaces", workspaces.stream().map(Workspace::id).toList());
            details.put("admin_client_id", admin.clientId());
            audit.record(actor, null, "created", "tenant", id, details);
            return new Created(representation(tenant), workspaces.stream().map(this::server).toList(),
                    List.of(admin));
        });
        // a node may have cached these ids as unknown (or as a deleted tenant of the same id): drop that
        bus.publish(new Change("tenant", id, null, id));
        return created;
    }

    /**
     * A tenant of a global configuration import, inside the import's transaction: created as a tenant row
     * only (the dump brings its workspaces), or, when it exists, a 409 in mode {@code fail}, left in mode
     * {@code ignore}, updated where it differs in mode {@code update}. The caller publishes the change.
     */
    ConfigReport.Outcome importTenant(Actor actor, TenantInput input, ConfigImport.Mode mode) {
        String id = input.id();
        if (id == null || id.isEmpty()) {
            throw new ApiException(400, "bad_request", "missing required field 'id'", Map.of("field", "id"));
        }
        checkId(id);
        Tenant given = new Tenant(id, name(input), object("metadata", input.metadata()),
                object("settings", input.settings()), object("styling", input.styling()), clock.instant());
        var current = tenants.find(id);
        if (current.isEmpty()) {
            tenants.insert(given);
            audit.record(actor, null, "created", "tenant", id, details(given));
            return ConfigReport.Outcome.CREATED;
        }
        Tenant next = current.get().with(given.name(), given.metadata(), given.settings(), given.styling());
        if (mode == ConfigImport.Mode.FAIL) {
            throw new ApiException(409, "conflict", "tenant \"" + id + "\" already exists", Map.of("field", "id"));
        }
        if (mode == ConfigImport.Mode.IGNORE || changed(current.get(), next).isEmpty()) {
            return ConfigReport.Outcome.UNCHANGED;
        }
        tenants.update(next, clock.instant());
        Map<String, Object> details = details(next);
        details.put("changed_fields", changed(current.get(), next));
        audit.record(actor, null, "updated", "tenant", id, details);
        return ConfigReport.Outcome.UPDATED;
    }

    /** The global export's {@code Tenant}: the representation without the computed {@code url}. */
    ObjectNode exportTenant(Tenant tenant) {
        ObjectNode out = representation(tenant);
        out.remove("url");
        return out;
    }

    private static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid tenant id: 1 to 64 letters, digits, '_' or '-'");
        }
        if (RESERVED.contains(id)) {
            throw ApiException.unprocessable("The tenant id '" + id + "' is reserved");
        }
    }

    /** updateTenant / updateAdminTenant: replaces name, metadata, settings and styling; id and url stay. */
    public ObjectNode update(Actor actor, String tenantId, TenantInput input, Consumer<ObjectNode> precondition) {
        if (input.id() != null && !input.id().isEmpty() && !input.id().equals(tenantId)) {
            throw ApiException.badRequest("id cannot be changed: it must be the path's tenant id or absent");
        }
        String name = name(input);
        JsonNode metadata = object("metadata", input.metadata());
        JsonNode settings = object("settings", input.settings());
        JsonNode styling = object("styling", input.styling());
        ObjectNode updated = tx.inTransaction(() -> {
            Tenant current = tenants.lock(tenantId).orElseThrow(TenantAdmin::notFound);
            precondition.accept(representation(current));
            Tenant next = current.with(name, metadata, settings, styling);
            tenants.update(next, clock.instant());
            Map<String, Object> details = details(next);
            details.put("changed_fields", changed(current, next));
            audit.record(actor, null, "updated", "tenant", tenantId, details);
            return representation(next);
        });
        bus.publish(new Change("tenant", tenantId, null, tenantId));
        return updated;
    }

    /** deleteTenant: every row of the tenant goes, in one transaction; its tokens are refused at once. */
    public void delete(Actor actor, String tenantId, Consumer<ObjectNode> precondition) {
        tx.run(() -> {
            Tenant current = tenants.lock(tenantId).orElseThrow(TenantAdmin::notFound);
            precondition.accept(representation(current));
            if (current.id().equals("system") || current.id().equals(actor.tenantId())) {
                throw ApiException.unprocessable("The " + current.id() + " tenant cannot be deleted: it holds the "
                        + "root API's clients");
            }
            if (!tenants.delete(tenantId)) {
                throw notFound();
            }
            audit.record(actor, null, "deleted", "tenant", tenantId, details(current));
        });
        bus.publish(new Change("tenant", tenantId, null, tenantId));
    }

    /** Cloudentity's {@code Tenant}: id, name, url, and metadata, settings and styling when set. */
    private ObjectNode representation(Tenant tenant) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", tenant.id());
        out.put("name", tenant.name());
        out.put("url", baseUrl + "/" + tenant.id());
        if (tenant.metadata() != null) {
            out.set("metadata", tenant.metadata().deepCopy());
        }
        if (tenant.settings() != null) {
            out.set("settings", tenant.settings().deepCopy());
        }
        if (tenant.styling() != null) {
            out.set("styling", tenant.styling().deepCopy());
        }
        return out;
    }

    private ObjectNode server(Workspace workspace) {
        return view.server(workspace, keys.publicKeys(workspace.tenantId(), workspace.id()));
    }

    private static String name(TenantInput input) {
        if (input.name() == null || input.name().isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        if (input.name().length() > MAX_NAME) {
            throw ApiException.badRequest("name is longer than " + MAX_NAME + " characters");
        }
        return input.name();
    }

    /** A member that must be a JSON object when given; null when absent or null. */
    private static JsonNode object(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new ApiException(400, "bad_request", "The request body is invalid: " + field
                    + " must be a JSON object", Map.of("field", field));
        }
        return value;
    }

    private static List<String> changed(Tenant before, Tenant after) {
        Map<String, Boolean> fields = new LinkedHashMap<>();
        fields.put("name", !before.name().equals(after.name()));
        fields.put("metadata", !java.util.Objects.equals(before.metadata(), after.metadata()));
        fields.put("settings", !java.util.Objects.equals(before.settings(), after.settings()));
        fields.put("styling", !java.util.Objects.equals(before.styling(), after.styling()));
        return fields.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    private static Map<String, Object> details(Tenant tenant) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", tenant.name());
        return details;
    }

    /** Runs {@code work} in one transaction; a unique-key violation (a concurrent create) is 409. */
    private Created commit(Supplier<Created> work) {
        return tx.inTransactionUnique(work, () -> duplicate());
    }

    private static ApiException duplicate() {
        return ApiException.conflict("A tenant with this id already exists");
    }

    private static ApiException notFound() {
        return ApiException.notFound("Tenant not found");
    }
}
