package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.idp.IdpRepository;
import dev.latchkey.mfa.MfaMethodRepository;
import dev.latchkey.scope.ScopeRepository;
import dev.latchkey.store.Change;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Transactions;
import dev.latchkey.support.ApiException;
import dev.latchkey.workspace.WorkspaceRepository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Configuration import (System API {@code importTenantConfiguration}). The whole dump is applied in ONE
 * transaction through the Admin API services ({@link ConfigAdmins}), entity by entity in dependency order
 * (mfa_methods, servers, services, scopes, idps, clients), so each entity meets the Admin API's own rules and sees the
 * entities before it; every failure is recorded with its path and the import goes on, so that all errors are
 * reported at once. Any error, or a dry run, rolls the transaction back: all or nothing, and a dry run
 * reports exactly what the real run does. The changes are published on the change bus after the transaction
 * has ended, so caches drop. Modes for an entity that exists: {@code fail} (an error), {@code ignore} (left
 * as it is), {@code update} (replaced, only when the replacement differs). Thread-safe.
 */
public final class ConfigImport {

    /** What to do with an entity of the dump that already exists. */
    public enum Mode {
        FAIL, IGNORE, UPDATE;

        public static Mode of(String value) {
            if (value == null || value.isEmpty()) {
                return FAIL;
            }
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "bad_request", "mode must be one of fail, ignore, update",
                        Map.of("parameter", "mode"));
            }
        }
    }

    static final List<String> SECTIONS = List.of("mfa_methods", "servers", "services", "scopes", "idps",
            "clients");
    private static final Set<String> TOP_LEVEL = Set.of("tenant", "servers", "services", "scopes", "idps",
            "clients", "mfa_methods");

    private final Transactions tx;
    private final ChangeBus bus;
    private final ConfigAdmins.Factory admins;
    private final ConfigImportSteps.Lookups lookups;
    private final Clock clock;
    private final String baseUrl;

    public ConfigImport(Transactions tx, ChangeBus bus, ConfigAdmins.Factory admins, WorkspaceRepository workspaces,
                        ClientRepository clients, IdpRepository idps, ScopeRepository scopes,
                        MfaMethodRepository mfa, Clock clock, String baseUrl) {
        this.tx = tx;
        this.bus = bus;
        this.admins = admins;
        this.lookups = new ConfigImportSteps.Lookups(workspaces, clients, idps, scopes, mfa);
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** Imports {@code dump} into {@code tenantId}; nothing is changed when the report has errors or on a dry run. */
    public ConfigReport importDump(Actor actor, String tenantId, JsonNode dump, Mode mode, boolean dryRun) {
        checkShape(dump);
        HeldChanges held = new HeldChanges();
        ConfigReport report = new ConfigReport();
        try {
            tx.inTransaction(() -> {
                apply(actor, tenantId, dump, mode, report, held);
                if (dryRun || report.hasErrors()) {
                    throw new RollBack();
                }
                return null;
            });
        } catch (RollBack | ConfigImportSteps.Stopped e) {
            // rolled back: a dry run, or errors
        } finally {
            // after commit the caches must drop what changed; after a roll-back, anything they read meanwhile
            held.changes.forEach(bus::publish);
        }
        return report;
    }

    /**
     * Applies the sections of {@code dump} to {@code tenantId} inside the caller's transaction, recording
     * outcomes and errors in {@code report} and publishing changes on {@code held} (the global import's way in).
     */
    void apply(Actor actor, String tenantId, JsonNode dump, Mode mode, ConfigReport report, ChangeBus held) {
        ConfigImportSteps steps = new ConfigImportSteps(actor, tenantId, mode, admins.on(held), lookups, report,
                new ConfigViews(baseUrl), clock);
        for (String section : SECTIONS) {
            JsonNode list = dump.get(section);
            if (list != null && !list.isNull()) {
                steps.section(section, list);
            }
        }
    }

    private static void checkShape(JsonNode dump) {
        checkShape(dump, TOP_LEVEL);
    }

    /** A JSON object with only {@code names}: {@code tenant} an object, every other one an array (or null). */
    static void checkShape(JsonNode dump, Set<String> names) {
        if (dump == null || !dump.isObject()) {
            throw ApiException.badRequest("The configuration must be a JSON object");
        }
        for (var it = dump.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                throw new ApiException(400, "bad_request", "The configuration is invalid: unknown field '" + name
                        + "' (supported: " + new java.util.TreeSet<>(names) + ")", Map.of("field", name));
            }
            JsonNode value = dump.get(name);
            boolean ok = value.isNull() || (name.equals("tenant") ? value.isObject() : value.isArray());
            if (!ok) {
                throw new ApiException(400, "bad_request", "The configuration is invalid: wrong type for '" + name
                        + "'", Map.of("field", name));
            }
        }
    }

    /** A change bus that keeps what is published until the import's transaction has ended. */
    static final class HeldChanges implements ChangeBus {

        final List<Change> changes = new ArrayList<>();

        @Override
        public synchronized void publish(Change change) {
            changes.add(change);
        }

        @Override
        public void subscribe(Consumer<Change> listener) {
            throw new UnsupportedOperationException("an import's change bus only holds changes");
        }
    }

    /** Thrown out of the transaction to roll it back. */
    static final class RollBack extends RuntimeException {
        RollBack() {
            super(null, null, false, false);
        }
    }
}
