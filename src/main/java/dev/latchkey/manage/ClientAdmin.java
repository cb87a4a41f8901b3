package dev.latchkey.manage;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientQuery;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.client.RotatedSecret;
import dev.latchkey.scope.Scope;
import dev.latchkey.scope.ScopeRepository;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Database;
import dev.latchkey.store.Transactions;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.GoDuration;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.Xid;
import dev.latchkey.workspace.Workspace;
import dev.latchkey.workspace.WorkspaceRepository;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Applications of a tenant's workspaces (Admin API {@code createClient}, {@code getClient},
 * {@code updateClient}, {@code deleteClient}, {@code listClients}, {@code rotateClientSecret},
 * {@code revokeRotatedClientSecrets}). Each write is checked whole ({@link ClientAdminRules}), then made in
 * one transaction with its audit event, then published on the change bus so that every node's client cache
 * drops the entry: an update, a rotation or a deletion takes effect on the token endpoint at once. A client
 * or workspace of another tenant is 404, as one that does not exist. Thread-safe.
 */
public final class ClientAdmin {

    private final Transactions tx;
    private final ClientRepository clients;
    private final WorkspaceRepository workspaces;
    private final ScopeRepository scopes;
    private final Audit audit;
    private final ChangeBus bus;
    private final Clock clock;
    private final SecureRandomness randomness;
    private final Xid ids;

    public ClientAdmin(Transactions tx, ClientRepository clients, WorkspaceRepository workspaces,
                       ScopeRepository scopes, Audit audit, ChangeBus bus, Clock clock, SecureRandomness randomness,
                       Xid ids) {
        this.tx = tx;
        this.clients = clients;
        this.workspaces = workspaces;
        this.scopes = scopes;
        this.audit = audit;
        this.bus = bus;
        this.clock = clock;
        this.randomness = randomness;
        this.ids = ids;
    }

    /** createClient; {@code purpose} is the {@code application_purpose} query parameter, or null. */
    public Client create(Actor actor, String tenantId, ClientAdminRequest request, String purpose) {
        if (purpose != null && !ClientAdminRules.PURPOSES.contains(purpose)) {
            requireOwner(tenantId, request);
            throw new ApiException(400, "bad_request", "application_purpose must be one of "
                    + ClientAdminRules.PURPOSES, Map.of("parameter", "application_purpose"));
        }
        return create(actor, tenantId, request, purpose, client -> { });
    }

    /**
     * createClient for the services of this package (dynamic registration: purpose {@code dcr});
     * {@code alsoInTransaction} runs in the creation's transaction, after the insert.
     */
    Client create(Actor actor, String tenantId, ClientAdminRequest request, String purpose,
                  Consumer<Client> alsoInTransaction) {
        requireOwner(tenantId, request);
        ClientAdminRules.checkOwnValues(request);
        Workspace workspace = workspace(tenantId, request.authorizationServerId());
        Instant now = clock.instant();
        Client client = ClientAdminDraft.create(tenantId, request, purpose, ids::next, this::newSecret, now);
        ClientAdminRules.checkAgainstWorkspace(client, workspace, scopeNames(workspace));
        try {
            tx.run(() -> {
                clients.insert(client);
                audit.record(actor, workspace.id(), "created", "client", client.clientId(), details(client));
                alsoInTransaction.accept(client);
            });
        } catch (RuntimeException e) {
            if (Database.isDuplicateKey(e)) {
                throw ApiException.conflict("A client with id " + client.clientId() + " already exists");
            }
            throw sqlState(e, "23503") ? workspaceNotFound() : e; // the workspace was deleted meanwhile
        }
        publish(client);
        return client;
    }

    /** getClient; an id that cannot be a client id is 404 as well, without a lookup. */
    public Client get(String tenantId, String clientId) {
        if (!validId(clientId)) {
            throw notFound();
        }
        return clients.find(tenantId, clientId).orElseThrow(ClientAdmin::notFound);
    }

    /** updateClient: replaces the client; {@code precondition} sees the current one first (If-Match). */
    public Client update(Actor actor, String tenantId, String clientId, ClientAdminRequest request,
                         Consumer<Client> precondition) {
        return update(actor, tenantId, clientId, request, precondition, client -> { });
    }

    /** updateClient; {@code alsoInTransaction} runs in the update's transaction, after the write. */
    Client update(Actor actor, String tenantId, String clientId, ClientAdminRequest request,
                  Consumer<Client> precondition, Consumer<Client> alsoInTransaction) {
        Client existing = get(tenantId, clientId);
        requireOwner(tenantId, request);
        if (!ClientAdminDraft.blank(request.clientId()) && !request.clientId().equals(clientId)) {
            throw ClientAdminRules.bad("client_id does not match the client in the path", "client_id");
        }
        ClientAdminRules.checkOwnValues(request);
        if (!request.authorizationServerId().equals(existing.authorizationServerId())) {
            throw new ApiException(422, "unprocessable_entity", "An application cannot move to another workspace",
                    Map.of("field", "authorization_server_id"));
        }
        Workspace workspace = workspace(tenantId, existing.authorizationServerId());
        Set<String> scopeNames = scopeNames(workspace);
        Client updated = tx.inTransaction(() -> {
            Client current = locked(tenantId, clientId);
            precondition.accept(current);
            Client next = ClientAdminDraft.update(current, request, clock.instant());
            ClientAdminRules.checkAgainstWorkspace(next, workspace, scopeNames);
            clients.update(next);
            audit.record(actor, next.authorizationServerId(), "updated", "client", clientId, details(next));
            alsoInTransaction.accept(next);
            return next;
        });
        publish(updated);
        return updated;
    }

    public void delete(Actor actor, String tenantId, String clientId, Consumer<Client> precondition) {
        get(tenantId, clientId);
        Client deleted = tx.inTransaction(() -> {
            Client current = locked(tenantId, clientId);
            precondition.accept(current);
            clients.delete(tenantId, clientId);
            audit.record(actor, current.authorizationServerId(), "deleted", "client", clientId, details(current));
            return current;
        });
        publish(deleted);
    }

    /**
     * rotateClientSecret: a new current secret; the previous one keeps working as a rotated secret until it is
     * revoked or, when {@code autoRevokeAfter} is above zero, until that much time has passed. At most
     * {@link Client#MAX_ROTATED_SECRETS} rotated secrets are kept, the oldest dropped. Returns the new secret.
     */
    public String rotateSecret(Actor actor, String tenantId, String clientId, Duration autoRevokeAfter,
                               Consumer<Client> precondition) {
        get(tenantId, clientId);
        String secret = newSecret();
        Client rotated = tx.inTransaction(() -> {
            Client current = locked(tenantId, clientId);
            precondition.accept(current);
            Instant now = clock.instant();
            List<RotatedSecret> kept = new ArrayList<>();
            if (!ClientAdminDraft.blank(current.clientSecret())) {
                kept.add(new RotatedSecret(current.clientSecret(), now,
                        autoRevokeAfter.isZero() ? null : now.plus(autoRevokeAfter)));
            }
            kept.addAll(current.liveRotatedSecrets(now));
            Client next = current.rotated(secret, kept.subList(0, Math.min(kept.size(), Client.MAX_ROTATED_SECRETS)),
                    now);
            clients.update(next);
            audit.record(actor, next.authorizationServerId(), "rotated", "client_secret", clientId,
                    Map.of("auto_revoke_after", GoDuration.format(autoRevokeAfter)));
            return next;
        });
        publish(rotated);
        return secret;
    }

    /** revokeRotatedClientSecrets: only the current secret works from now on. */
    public void revokeRotatedSecrets(Actor actor, String tenantId, String clientId, Consumer<Client> precondition) {
        get(tenantId, clientId);
        Client revoked = tx.inTransaction(() -> {
            Client current = locked(tenantId, clientId);
            precondition.accept(current);
            Client next = current.withSecrets(current.clientSecret(), List.of(), clock.instant());
            clients.update(next);
            audit.record(actor, next.authorizationServerId(), "revoked", "client_secret", clientId,
                    Map.of("rotated_secrets", current.rotatedSecrets().size()));
            return next;
        });
        publish(revoked);
    }

    /** listClients: the workspace must be one of the tenant's; a keyset anchor must be one of its clients. */
    public List<Client> list(ClientQuery query) {
        workspace(query.tenantId(), query.workspaceId());
        for (String anchor : new String[] {query.afterClientId(), query.beforeClientId()}) {
            if (anchor != null && (!validId(anchor) || clients.find(query.tenantId(), anchor)
                    .filter(c -> c.authorizationServerId().equals(query.workspaceId())).isEmpty())) {
                throw new ApiException(400, "bad_request", "The keyset position names no application of this "
                        + "workspace", Map.of("parameter", anchor.equals(query.afterClientId())
                        ? "after_client_id" : "before_client_id"));
            }
        }
        return clients.list(query);
    }

    private void requireOwner(String tenantId, ClientAdminRequest request) {
        if (ClientAdminDraft.blank(request.tenantId())) {
            throw ClientAdminFields.invalid("missing required field 'tenant_id'", "tenant_id");
        }
        if (!request.tenantId().equals(tenantId)) {
            throw ClientAdminRules.bad("tenant_id must be the tenant of the path (" + tenantId + ")", "tenant_id");
        }
        if (ClientAdminDraft.blank(request.authorizationServerId())) {
            throw ClientAdminFields.invalid("missing required field 'authorization_server_id'",
                    "authorization_server_id");
        }
    }

    private Workspace workspace(String tenantId, String workspaceId) {
        if (!ClientAdminRules.WORKSPACE_ID.matcher(workspaceId).matches()) {
            throw workspaceNotFound();
        }
        return workspaces.find(tenantId, workspaceId).orElseThrow(ClientAdmin::workspaceNotFound);
    }

    private Set<String> scopeNames(Workspace workspace) {
        return scopes.scopesOf(workspace.tenantId(), workspace.id()).stream().map(Scope::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    private Client locked(String tenantId, String clientId) {
        return clients.findForUpdate(tenantId, clientId).orElseThrow(ClientAdmin::notFound);
    }

    private String newSecret() {
        return randomness.secret(32);
    }

    private void publish(Client client) {
        bus.publish(new Change("client", client.tenantId(), client.authorizationServerId(), client.clientId()));
    }

    private static Map<String, Object> details(Client client) {
        return Map.of("client_name", client.clientName(), "grant_types", client.grantTypes(),
                "client_status", client.disabled() ? "inactive" : "active");
    }

    private static boolean validId(String clientId) {
        return clientId != null && ClientAdminRules.CLIENT_ID.matcher(clientId).matches();
    }

    private static boolean sqlState(Throwable e, String state) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static ApiException notFound() {
        return ApiException.notFound("Client not found");
    }

    private static ApiException workspaceNotFound() {
        return ApiException.notFound("Workspace not found");
    }
}
