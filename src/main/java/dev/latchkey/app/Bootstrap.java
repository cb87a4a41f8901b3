package dev.latchkey.app;

import dev.latchkey.client.Client;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.console.ConsoleClient;
import dev.latchkey.idp.IdpRepository;
import dev.latchkey.manage.TenantProvisioning;
import dev.latchkey.scope.SystemScopes;
import dev.latchkey.store.Database;
import dev.latchkey.store.MasterKeys;
import dev.latchkey.store.Settings;
import dev.latchkey.store.Transactions;
import dev.latchkey.support.Json;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.support.Xid;
import dev.latchkey.tenant.Tenant;
import dev.latchkey.tenant.TenantRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * First-start setup of an empty database (design §2): tenant {@code system} with workspaces
 * {@code admin} and {@code system} and the built-in client {@code system}; tenant {@code default} with
 * workspaces {@code admin}, {@code system} and {@code default}, and one admin application in
 * {@code default/admin}. One transaction, guarded by a {@code bootstrap} settings row: a restart, or a
 * second node starting at the same time, finds the row (or loses the insert race) and does nothing. The
 * workspaces are created with deferred keys (issue 8: their RSA keys took seconds of the first start):
 * {@link DeferredKeys} makes them in the background, and the first read of a workspace's keys makes what
 * it lacks ({@code KeyService}).
 */
final class Bootstrap {

    static final String MARKER = "bootstrap";

    private final Transactions transactions;
    private final Settings settings;
    private final TenantRepository tenants;
    private final ClientRepository clients;
    private final IdpRepository idps;
    private final TenantProvisioning provisioning;
    private final SecureRandomness randomness;
    private final Xid ids;
    private final Clock clock;

    Bootstrap(Transactions transactions, Settings settings, TenantRepository tenants, ClientRepository clients,
              IdpRepository idps, TenantProvisioning provisioning, SecureRandomness randomness, Xid ids, Clock clock) {
        this.idps = idps;
        this.transactions = transactions;
        this.settings = settings;
        this.tenants = tenants;
        this.clients = clients;
        this.provisioning = provisioning;
        this.randomness = randomness;
        this.ids = ids;
        this.clock = clock;
    }

    Optional<BootstrapCredentials> run(LatchkeyConfig config) {
        if (settings.get(MARKER).isPresent()) {
            return Optional.empty();
        }
        String adminId = config.bootstrapAdminClientId().filter(s -> !s.isBlank()).orElseGet(ids::next);
        String adminSecret = config.bootstrapAdminClientSecret().filter(s -> !s.isBlank())
                .orElseGet(() -> randomness.secret(32));
        String systemSecret = config.systemClientSecret().filter(s -> !s.isBlank())
                .orElseGet(() -> randomness.secret(32));
        String consoleUser = config.bootstrapAdminUsername().filter(s -> !s.isBlank())
                .orElse(ConsoleClient.DEFAULT_USERNAME);
        boolean consoleGenerated = config.bootstrapAdminPassword().filter(s -> !s.isBlank()).isEmpty();
        String consolePassword = consoleGenerated ? randomness.secret(24) : config.bootstrapAdminPassword().get();
        Instant now = clock.instant();
        try {
            transactions.run(() -> {
                settings.insert(MARKER, now.toString());
                tenants.insert(new Tenant("system", "System", now));
                provisioning.workspacesWithDeferredKeys("system", false, now);
                tenants.insert(new Tenant("default", "Default", now));
                provisioning.workspacesWithDeferredKeys("default", true, now);
                clients.insert(Client.service("system", "system", "system", "System", systemSecret,
                        SystemScopes.SYSTEM, true, now));
                clients.insert(TenantProvisioning.adminApplication("default", adminId, adminSecret, now));
                clients.insert(ConsoleClient.client("default", config.baseUrl(), now));
                idps.insert(ConsoleClient.administrators("default", consoleUser, consolePassword));
            });
        } catch (RuntimeException e) {
            if (Database.isDuplicateKey(e)) {
                return Optional.empty();
            }
            throw e;
        }
        boolean adminGenerated = config.bootstrapAdminClientSecret().filter(s -> !s.isBlank()).isEmpty();
        boolean systemGenerated = config.systemClientSecret().filter(s -> !s.isBlank()).isEmpty();
        BootstrapCredentials credentials = new BootstrapCredentials(adminId, adminSecret, systemSecret,
                adminGenerated, systemGenerated, consoleUser, consolePassword, consoleGenerated);
        if (adminGenerated || systemGenerated || consoleGenerated) {
            writeCredentialsFile(config, credentials);
        }
        return Optional.of(credentials);
    }

    private static void writeCredentialsFile(LatchkeyConfig config, BootstrapCredentials c) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("admin_token_endpoint", config.baseUrl() + "/default/admin/oauth2/token");
        file.put("admin_client_id", c.adminClientId());
        file.put("admin_client_secret", c.adminGenerated() ? c.adminClientSecret() : "(from configuration)");
        file.put("system_token_endpoint", config.baseUrl() + "/system/system/oauth2/token");
        file.put("system_client_id", "system");
        file.put("system_client_secret", c.systemGenerated() ? c.systemClientSecret() : "(from configuration)");
        file.put("console_url", config.baseUrl() + "/app/default/admin");
        file.put("console_username", c.consoleUsername());
        file.put("console_password", c.consolePasswordGenerated() ? c.consolePassword() : "(from configuration)");
        MasterKeys.writePrivate(config.dataDir().resolve("bootstrap-credentials.json"), Json.write(file) + "\n");
    }
}
