package dev.latchkey.manage;

import dev.latchkey.idp.IdpBase;
import dev.latchkey.idp.IdpRepository;
import dev.latchkey.idp.StaticIdp;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Database;
import dev.latchkey.store.Transactions;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.Xid;
import dev.latchkey.workspace.WorkspaceRepository;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Identity providers of a workspace (Admin API {@code createStaticIDP}, {@code getStaticIDP},
 * {@code updateStaticIDP}, {@code deleteIDP}, {@code listIDPs}). Each write is checked whole, then made in
 * one transaction with its audit event, then published so caches drop what it touched. An unknown
 * workspace or IDP, or one of another tenant, is 404. Thread-safe.
 */
public final class IdpAdmin {

    private final IdpRepository idps;
    private final WorkspaceRepository workspaces;
    private final Transactions tx;
    private final Audit audit;
    private final ChangeBus bus;
    private final Xid ids;

    public IdpAdmin(IdpRepository idps, WorkspaceRepository workspaces, Transactions tx, Audit audit, ChangeBus bus,
                    Xid ids) {
        this.idps = idps;
        this.workspaces = workspaces;
        this.tx = tx;
        this.audit = audit;
        this.bus = bus;
        this.ids = ids;
    }

    public List<IdpBase> list(String tenantId, String workspaceId) {
        requireWorkspace(tenantId, workspaceId);
        return idps.list(tenantId, workspaceId);
    }

    public StaticIdp getStatic(String tenantId, String workspaceId, String id) {
        requireWorkspace(tenantId, workspaceId);
        return idps.findStatic(tenantId, workspaceId, id).orElseThrow(IdpAdmin::notFound);
    }

    public StaticIdp createStatic(Actor actor, String tenantId, String workspaceId, StaticIdp body) {
        StaticIdp idp = IdpValidation.check(body, tenantId, workspaceId, null, ids.next());
        try {
            tx.run(() -> {
                requireWorkspace(tenantId, workspaceId);
                if (idps.findStatic(tenantId, workspaceId, idp.id()).isPresent()) {
                    throw duplicate();
                }
                idps.insert(idp);
                audit.record(actor, workspaceId, "created", "idp", idp.id(), details(idp));
            });
        } catch (RuntimeException e) {
            throw Database.isDuplicateKey(e) ? duplicate() : e;
        }
        bus.publish(new Change("idp", tenantId, workspaceId, idp.id()));
        return idp;
    }

    /** Replaces a static IDP; {@code precondition} sees the current one first (If-Match) and may throw. */
    public StaticIdp updateStatic(Actor actor, String tenantId, String workspaceId, String id, StaticIdp body,
                                  Consumer<StaticIdp> precondition) {
        StaticIdp idp = IdpValidation.check(body, tenantId, workspaceId, id, null);
        tx.run(() -> {
            StaticIdp current = getStatic(tenantId, workspaceId, id);
            precondition.accept(current);
            if (!idps.update(idp)) {
                throw notFound();
            }
            audit.record(actor, workspaceId, "updated", "idp", id, details(idp));
        });
        bus.publish(new Change("idp", tenantId, workspaceId, id));
        return idp;
    }

    /** Deletes an IDP; {@code precondition} sees the current one first (If-Match) and may throw. */
    public void delete(Actor actor, String tenantId, String workspaceId, String id, Consumer<StaticIdp> precondition) {
        tx.run(() -> {
            StaticIdp current = getStatic(tenantId, workspaceId, id);
            precondition.accept(current);
            if (!idps.delete(tenantId, workspaceId, id)) {
                throw notFound();
            }
            audit.record(actor, workspaceId, "deleted", "idp", id, Map.of("name", current.name(),
                    "method", current.method()));
        });
        bus.publish(new Change("idp", tenantId, workspaceId, id));
    }

    private void requireWorkspace(String tenantId, String workspaceId) {
        if (workspaces.find(tenantId, workspaceId).isEmpty()) {
            throw ApiException.notFound("Workspace not found");
        }
    }

    /** What the audit event says about an IDP: never passwords. */
    private static Map<String, Object> details(StaticIdp idp) {
        return Map.of("name", idp.name(), "method", idp.method(), "disabled", idp.disabled(),
                "users", idp.users().size());
    }

    private static ApiException notFound() {
        return ApiException.notFound("IDP not found");
    }

    private static ApiException duplicate() {
        return ApiException.conflict("An IDP with this id already exists in the workspace");
    }
}
