package dev.latchkey.app;

import dev.latchkey.audit.AuditEventReader;
import dev.latchkey.audit.AuditEvents;
import dev.latchkey.audit.AuditQueue;
import dev.latchkey.config.AuditSetting;
import dev.latchkey.audit.JdbiAuditRepository;
import dev.latchkey.audit.JdbiAuditSegmentRepository;
import dev.latchkey.audit.SecurityEvents;
import dev.latchkey.client.CachedClientRepository;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.client.JdbiClientRepository;
import dev.latchkey.idp.JdbiIdpRepository;
import dev.latchkey.keys.JdbiKeyRepository;
import dev.latchkey.keys.JdbiKeyScheduleRepository;
import dev.latchkey.keys.KeyFactory;
import dev.latchkey.keys.KeyService;
import dev.latchkey.manage.Audit;
import dev.latchkey.manage.IdpAdmin;
import dev.latchkey.manage.KeyManagement;
import dev.latchkey.manage.KeyScheduling;
import dev.latchkey.manage.ScopeAdmin;
import dev.latchkey.manage.ServiceAdmin;
import dev.latchkey.manage.TenantProvisioning;
import dev.latchkey.scope.JdbiScopeRepository;
import dev.latchkey.scope.ScopeRepository;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Database;
import dev.latchkey.store.LocalChangeBus;
import dev.latchkey.store.PostgresChangeBus;
import dev.latchkey.store.SecretBox;
import dev.latchkey.support.CpuPool;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.Xid;
import dev.latchkey.tenant.JdbiTenantRepository;
import dev.latchkey.tenant.TenantRepository;
import dev.latchkey.workspace.JdbiWorkspaceRepository;
import dev.latchkey.workspace.WorkspaceRepository;

import java.time.Clock;

/**
 * The domain parts of the server, built once by constructors: repositories (cached where the hot path
 * reads them), services, the change bus, and the injected clock and randomness. Wiring only; no logic.
 */
record Core(Database database, SecretBox box, Clock clock, SecureRandomness randomness, Xid ids, CpuPool cpu,
            ChangeBus bus, TenantRepository tenants, WorkspaceRepository workspaces, ClientRepository clients,
            ScopeRepository scopes, KeyService keys, Audit audit, KeyManagement keyManagement,
            KeyScheduling keyScheduling, IdpAdmin idps, ScopeAdmin scopeAdmin, ServiceAdmin serviceAdmin,
            AuditEventReader auditEvents, AuditQueue auditQueue, SecurityEvents securityEvents) {

    /**
     * Events per batch (one transaction, one segment per workspace) at most. A batch costs a few tenths of a
     * millisecond of the writer whatever its size (the transaction, H2's insert: half of the writer's CPU with
     * batches of 500 under token load, then through JDBI; bench/results/2026-11-28-audit-2.txt); under load the writer now
     * takes a full batch as soon as one is waiting, else what its linger gathered. The system property
     * is for benchmarks.
     */
    private static final int AUDIT_BATCH = Integer.getInteger("latchkey.audit.batch", 2000);
    /** Security events wait in a queue of this many (five batches); a full queue drops (and counts) them. */
    static final int AUDIT_QUEUE_CAPACITY = Math.max(10_000, 5 * AUDIT_BATCH);
    /**
     * How long the audit writer lets events accumulate at most before writing (segments of more events, fewer
     * rows); it writes as soon as a batch is waiting. 50 ms gave ~20 transactions a second at any rate; at 250 ms
     * a rate below 8,000 events a second makes 4 and a higher one full batches. Events reach the audit listing
     * up to that much later; a crash (not a graceful stop) loses at most what the queue holds.
     */
    private static final java.time.Duration AUDIT_LINGER =
            java.time.Duration.ofMillis(Long.getLong("latchkey.audit.linger-ms", 250));

    /** How tenants get their first workspaces (stateless: a new one per call is fine). */
    TenantProvisioning provisioning() {
        return new TenantProvisioning(workspaces, keys, scopes, randomness, ids);
    }

    static Core build(Database database, SecretBox box, Clock clock, SecureRandomness randomness, CpuPool cpu,
                      AuditSetting setting) {
        // several nodes share a PostgreSQL database: changes reach the others by LISTEN/NOTIFY
        ChangeBus bus = database.isPostgres() ? new PostgresChangeBus(database).start() : new LocalChangeBus();
        var jdbi = database.jdbi();
        var auditRows = new JdbiAuditRepository(jdbi);
        var auditSegments = new JdbiAuditSegmentRepository(database);
        var audit = new Audit(setting.changes() ? auditRows : event -> { }, clock, randomness);
        var auditQueue = new AuditQueue(auditSegments::write, AUDIT_QUEUE_CAPACITY, AUDIT_BATCH, AUDIT_LINGER, clock);
        var ids = new Xid(clock, randomness.random());
        var workspaces = new JdbiWorkspaceRepository(jdbi, box, clock);
        var keys = new KeyService(new JdbiKeyRepository(jdbi, box), new KeyFactory(randomness), clock,
                (tenantId, workspaceId) -> workspaces.find(tenantId, workspaceId).map(w -> w.keyType()),
                (tenantId, workspaceId) -> bus.publish(new Change("keys", tenantId, workspaceId, null)));
        var keyManagement = new KeyManagement(database, keys, audit, bus, clock);
        var scopes = new JdbiScopeRepository(jdbi);
        return new Core(database, box, clock, randomness, ids, cpu, bus,
                new JdbiTenantRepository(jdbi),
                workspaces,
                new CachedClientRepository(new JdbiClientRepository(jdbi, box, clock), bus),
                scopes,
                keys, audit, keyManagement,
                new KeyScheduling(database, keyManagement, new JdbiKeyScheduleRepository(jdbi), audit, bus, clock),
                new IdpAdmin(new JdbiIdpRepository(jdbi, box, clock), workspaces, database, audit, bus, ids),
                new ScopeAdmin(scopes, workspaces, database, audit, bus, ids),
                new ServiceAdmin(scopes, workspaces, database, audit, bus, ids, clock),
                new AuditEvents(auditRows, auditSegments), auditQueue, setting.securityEvents() ? new SecurityEvents(auditQueue, clock, ids)
                        : SecurityEvents.off(clock, ids));
    }
}
