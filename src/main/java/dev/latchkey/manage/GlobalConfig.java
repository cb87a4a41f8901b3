package dev.latchkey.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.ratelimit.ApiGroup;
import dev.latchkey.ratelimit.RateLimit;
import dev.latchkey.ratelimit.RateLimitRepository;
import dev.latchkey.store.Change;
import dev.latchkey.support.ApiException;
import dev.latchkey.support.GoDuration;
import dev.latchkey.support.Json;
import dev.latchkey.tenant.Tenant;
import dev.latchkey.tenant.TenantRepository;
import dev.latchkey.store.Transactions;
import dev.latchkey.workspace.WorkspaceRepository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The root API's global configuration (root.yaml {@code exportConfiguration}, {@code importConfiguration},
 * {@code patchConfiguration}):
 * Cloudentity's {@code Dump}, several tenants in one document: {@code tenants}, the sections of a tenant dump
 * ({@link ConfigExport}) with every entity's {@code tenant_id}, and {@code rate_limits}
 * ({@code CustomRateLimit}: the tenants' rate-limit overrides). The import is the tenant import's rules for
 * every tenant at once in ONE transaction: tenants first (a new tenant is its row; the dump brings its
 * workspaces, and an {@code admin} or {@code system} workspace it does not bring is provisioned), then each
 * tenant's sections, then the rate limits; any error, or a dry run, rolls everything back. The report's ids are
 * {@code tid/id}. Thread-safe.
 */
public final class GlobalConfig {

    private static final Set<String> TOP_LEVEL;

    static {
        Set<String> names = new TreeSet<>(ConfigImport.SECTIONS);
        names.addAll(List.of("tenants", "rate_limits"));
        TOP_LEVEL = Set.copyOf(names);
    }

    private final Transactions tx;
    private final dev.latchkey.store.ChangeBus bus;
    private final TenantRepository tenants;
    private final TenantAdmin tenantAdmin;
    private final TenantProvisioning provisioning;
    private final WorkspaceRepository workspaces;
    private final RateLimitRepository rateLimits;
    private final ConfigExport export;
    private final ConfigImport importer;
    private final RateLimitAdminFactory limits;
    private final Clock clock;

    /** Builds the rate-limit service on the import's held-back change bus (wired in app). */
    @FunctionalInterface
    public interface RateLimitAdminFactory {
        RateLimitAdmin on(dev.latchkey.store.ChangeBus bus);
    }

    public GlobalConfig(Transactions tx, dev.latchkey.store.ChangeBus bus, TenantRepository tenants,
                        TenantAdmin tenantAdmin, TenantProvisioning provisioning, WorkspaceRepository workspaces,
                        RateLimitRepository rateLimits, ConfigExport export, ConfigImport importer,
                        RateLimitAdminFactory limits, Clock clock) {
        this.tx = tx;
        this.bus = bus;
        this.tenants = tenants;
        this.tenantAdmin = tenantAdmin;
        this.provisioning = provisioning;
        this.workspaces = workspaces;
        this.rateLimits = rateLimits;
        this.export = export;
        this.importer = importer;
        this.limits = limits;
        this.clock = clock;
    }

    /** Every tenant, or only {@code tenantId} (and its workspace {@code workspaceId}) when not null. */
    public ObjectNode export(String tenantId, String workspaceId, boolean withSecrets) {
        if (tenantId == null && workspaceId != null) {
            throw new ApiException(400, "bad_request", "workspace_id needs tid", Map.of("parameter", "workspace_id"));
        }
        List<Tenant> selected = tenantId == null ? tenants.list().stream()
                .sorted(Comparator.comparing(Tenant::id)).toList()
                : List.of(tenants.find(tenantId).orElseThrow(() -> ApiException.notFound("Tenant not found")));
        ObjectNode dump = Json.MAPPER.createObjectNode();
        ArrayNode tenantList = dump.putArray("tenants");
        for (String section : ConfigImport.SECTIONS) {
            dump.putArray(section);
        }
        ArrayNode limitList = dump.putArray("rate_limits");
        Map<String, Map<ApiGroup, RateLimit>> overrides = rateLimits.all();
        for (Tenant tenant : selected) {
            tenantList.add(tenantAdmin.exportTenant(tenant));
            ObjectNode one = export.export(tenant.id(), workspaceId, withSecrets);
            for (String section : ConfigImport.SECTIONS) {
                one.withArray(section).forEach(e -> ((ObjectNode) e).put("tenant_id", tenant.id()));
                dump.withArray(section).addAll(one.withArray(section));
            }
            if (workspaceId == null) { // rate limits belong to the tenant, not to a workspace
                overrides.getOrDefault(tenant.id(), Map.of()).entrySet().stream()
                        .sorted(Comparator.comparing(e -> e.getKey().module()))
                        .forEach(e -> limitList.addObject().put("tenant_id", tenant.id())
                                .put("module", e.getKey().module()).put("rate", e.getValue().rate())
                                .put("burst", e.getValue().burst())
                                .put("period", GoDuration.format(e.getValue().period())));
            }
        }
        return dump;
    }

    /** Imports {@code dump}; nothing is changed when the report has errors or on a dry run. */
    public ConfigReport importDump(Actor actor, JsonNode dump, ConfigImport.Mode mode, boolean dryRun) {
        ConfigImport.checkShape(dump, TOP_LEVEL);
        ConfigImport.HeldChanges held = new ConfigImport.HeldChanges();
        ConfigReport report = new ConfigReport();
        try {
            tx.inTransaction(() -> {
                List<String> created = tenantsOf(actor, dump.get("tenants"), mode, report, held);
                for (var entry : byTenant(dump, report).entrySet()) {
                    ConfigReport one = new ConfigReport();
                    importer.apply(actor, entry.getKey(), entry.getValue().dump(), mode, one, held);
                    report.addTenant(entry.getKey(), one, entry.getValue()::globalPath);
                }
                for (String tid : created) {
                    for (String id : List.of("admin", "system")) {
                        if (workspaces.find(tid, id).isEmpty()) {
                            provisioning.builtIn(tid, id, clock.instant());
                            held.publish(new Change("workspace", tid, id, id));
                        }
                    }
                }
                rateLimitsOf(actor, dump.get("rate_limits"), mode, report, held);
                if (dryRun || report.hasErrors()) {
                    throw new ConfigImport.RollBack();
                }
                return null;
            });
        } catch (ConfigImport.RollBack | ConfigImportSteps.Stopped e) {
            // rolled back: a dry run, or errors
        } finally {
            held.changes.forEach(bus::publish);
        }
        return report;
    }

    /**
     * patchConfiguration: RFC 6902 {@code operations} applied to the export (secrets included) of every tenant,
     * or of {@code tenantId} only, then imported ({@code update} unless another mode is given).
     */
    public ConfigReport patch(Actor actor, String tenantId, JsonNode operations, ConfigImport.Mode mode,
                              boolean dryRun) {
        return importDump(actor, ConfigPatch.apply(operations, export(tenantId, null, true)), mode, dryRun);
    }

    private List<String> tenantsOf(Actor actor, JsonNode list, ConfigImport.Mode mode, ConfigReport report,
                                   ConfigImport.HeldChanges held) {
        List<String> created = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            String path = "tenants[" + i + "]";
            try {
                TenantInput input = Json.MAPPER.treeToValue(list.get(i), TenantInput.class);
                ConfigReport.Outcome outcome = tenantAdmin.importTenant(actor, input, mode);
                report.add(outcome, "tenants", input.id());
                if (outcome == ConfigReport.Outcome.CREATED) {
                    created.add(input.id());
                }
                held.publish(new Change("tenant", input.id(), null, input.id()));
            } catch (ApiException e) {
                Object field = e.details().get("field");
                report.error(field == null ? path : path + "." + field, e.getMessage(), e.status() == 409);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                report.error(path, "is not a Tenant: " + firstLine(e.getMessage()), false);
            }
        }
        return created;
    }

    /** A tenant's part of the dump, and where each of its entities is in the global dump. */
    private record TenantPart(ObjectNode dump, Map<String, List<Integer>> positions) {
        String globalPath(String path) {
            int open = path.indexOf('[');
            int close = path.indexOf(']');
            if (open < 0 || close < open) {
                return path;
            }
            List<Integer> at = positions.get(path.substring(0, open));
            int index = Integer.parseInt(path.substring(open + 1, close));
            return at == null || index >= at.size() ? path
                    : path.substring(0, open) + "[" + at.get(index) + "]" + path.substring(close + 1);
        }
    }

    /** The sections split by {@code tenant_id}; an entity without one, or of no tenant, is an error. */
    private Map<String, TenantPart> byTenant(JsonNode dump, ConfigReport report) {
        Map<String, TenantPart> parts = new LinkedHashMap<>();
        for (String section : ConfigImport.SECTIONS) {
            JsonNode list = dump.get(section);
            for (int i = 0; list != null && i < list.size(); i++) {
                JsonNode node = list.get(i);
                String tid = node.path("tenant_id").asText("");
                if (tid.isEmpty() || tenants.find(tid).isEmpty()) {
                    report.error(section + "[" + i + "].tenant_id", tid.isEmpty() ? "missing required field "
                            + "'tenant_id'" : "no such tenant \"" + tid + "\"", false);
                    continue;
                }
                TenantPart part = parts.computeIfAbsent(tid, t -> new TenantPart(Json.MAPPER.createObjectNode(),
                        new LinkedHashMap<>()));
                ObjectNode copy = (ObjectNode) node.deepCopy();
                if (section.equals("mfa_methods")) {
                    copy.remove("tenant_id"); // a tenant dump's MFA method has none: the tenant is the path's
                }
                part.dump().withArray(section).add(copy);
                part.positions().computeIfAbsent(section, s -> new ArrayList<>()).add(i);
            }
        }
        return parts;
    }

    private void rateLimitsOf(Actor actor, JsonNode list, ConfigImport.Mode mode, ConfigReport report,
                              ConfigImport.HeldChanges held) {
        RateLimitAdmin admin = limits.on(held);
        Map<String, Map<ApiGroup, RateLimit>> current = rateLimits.all();
        for (int i = 0; list != null && i < list.size(); i++) {
            String path = "rate_limits[" + i + "]";
            try {
                CustomRateLimit limit = Json.MAPPER.treeToValue(list.get(i), CustomRateLimit.class);
                String tid = limit.tenantId() == null ? "" : limit.tenantId();
                String module = limit.module() == null ? "" : limit.module();
                String id = tid + "/" + module;
                RateLimit existing = ApiGroup.ofModule(module)
                        .map(g -> current.getOrDefault(tid, Map.of()).get(g)).orElse(null);
                if (existing != null && mode == ConfigImport.Mode.FAIL) {
                    report.error(path + ".module", "rate limit \"" + id + "\" already exists", true);
                } else if (existing != null && (mode == ConfigImport.Mode.IGNORE || same(existing, limit))) {
                    report.add(ConfigReport.Outcome.UNCHANGED, "rate_limits", id);
                } else {
                    admin.set(actor, tid, module, limit.rate(), limit.burst(), limit.period());
                    report.add(existing == null ? ConfigReport.Outcome.CREATED : ConfigReport.Outcome.UPDATED,
                            "rate_limits", id);
                }
            } catch (ApiException e) {
                report.error(path, e.getMessage(), false);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                report.error(path, "is not a CustomRateLimit: " + firstLine(e.getMessage()), false);
            }
        }
    }

    /** Cloudentity's {@code CustomRateLimit}. */
    record CustomRateLimit(@com.fasterxml.jackson.annotation.JsonProperty("tenant_id") String tenantId,
                           String module, Long rate, Long burst, String period) {
    }

    private static boolean same(RateLimit existing, CustomRateLimit given) {
        try {
            return given.rate() != null && given.burst() != null && given.period() != null
                    && existing.equals(new RateLimit(given.rate(), given.burst(), GoDuration.parse(given.period())));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String firstLine(String message) {
        String line = message == null ? "invalid" : message.lines().findFirst().orElse("invalid");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
