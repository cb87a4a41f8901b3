package dev.latchkey.app;

import dev.latchkey.audit.AuditQueue;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.client.JdbiClientRegistrationRepository;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.client.CachedClientRepository;
import dev.latchkey.http.ApiCallerAuth;
import dev.latchkey.http.HttpMetrics;
import dev.latchkey.http.IdempotencyFilter;
import dev.latchkey.http.OpenApiDocument;
import dev.latchkey.http.OpenApiUi;
import dev.latchkey.http.OperationsEndpoints;
import dev.latchkey.http.WorkspaceResolver;
import dev.latchkey.http.api.ApiRoutes;
import dev.latchkey.http.api.ClientsJson;
import dev.latchkey.idempotency.IdempotentRequests;
import dev.latchkey.idempotency.JdbiIdempotencyRepository;
import dev.latchkey.keys.CryptoProvider;
import dev.latchkey.manage.ClientAdmin;
import dev.latchkey.manage.DynamicRegistration;
import dev.latchkey.manage.KeyRotationScheduler;
import dev.latchkey.oauth.WorkspaceContexts;
import dev.latchkey.oauth.authorize.AuthorizationMetadata;
import dev.latchkey.oauth.endpoint.AuthorizeEndpoint;
import dev.latchkey.oauth.endpoint.DiscoveryEndpoint;
import dev.latchkey.oauth.endpoint.IntrospectionEndpoint;
import dev.latchkey.oauth.endpoint.JwksEndpoint;
import dev.latchkey.oauth.endpoint.RegistrationEndpoint;
import dev.latchkey.oauth.endpoint.RegistrationJson;
import dev.latchkey.oauth.endpoint.RevocationEndpoint;
import dev.latchkey.oauth.endpoint.LoginEndpoint;
import dev.latchkey.oauth.endpoint.LogoutEndpoint;
import dev.latchkey.oauth.endpoint.Pages;
import dev.latchkey.oauth.endpoint.TokenEndpoint;
import dev.latchkey.oauth.endpoint.UserInfoEndpoint;
import dev.latchkey.oauth.token.AccessTokenIssuer;
import dev.latchkey.store.ChangeBus;
import dev.latchkey.store.Database;
import dev.latchkey.store.MasterKeys;
import dev.latchkey.store.SecretBox;
import dev.latchkey.store.StatementCounter;
import dev.latchkey.workspace.WorkspaceRepository;
import dev.latchkey.store.Settings;
import dev.latchkey.support.CpuPool;
import dev.latchkey.support.SecureRandomness;
import dev.latchkey.tls.ServerTls;
import io.helidon.common.Size;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The composition root: builds every part with its constructor (no container, no scanning), runs the
 * bootstrap, and starts the web server. {@link #close()} stops accepting, lets in-flight requests finish,
 * then closes the database.
 */
public final class Latchkey implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Latchkey.class);

    private final LatchkeyConfig config;
    private final Database database;
    private final CpuPool cpu;
    private final WebServer server;
    private final Optional<BootstrapCredentials> bootstrapped;
    private final CompletableFuture<String> cryptoProvider;
    private final DeferredKeys deferredKeys;
    private final Parts parts;
    private final RateLimiting rateLimiting;
    private final Metrics metrics;
    private final Optional<ServerTls> tls;
    private final Housekeeping housekeeping;

    /** Inner parts that operators' tools and tests reach (there is no admin API for every change yet). */
    public record Parts(WorkspaceRepository workspaces, ClientRepository clients, ChangeBus changes,
                        StatementCounter statements, KeyRotationScheduler keyRotation,
                        List<ApiRoutes.Route> routes, WorkspaceContexts oauthWorkspaces,
                        AccessTokenIssuer accessTokens, AuditQueue audit) {
    }

    private Latchkey(LatchkeyConfig config, Database database, CpuPool cpu, WebServer server,
                     Optional<BootstrapCredentials> bootstrapped, CompletableFuture<String> cryptoProvider,
                     DeferredKeys deferredKeys, Metrics metrics, Optional<ServerTls> tls, Parts parts,
                     RateLimiting rateLimiting, Housekeeping housekeeping) {
        this.deferredKeys = deferredKeys;
        this.metrics = metrics;
        this.tls = tls;
        this.housekeeping = housekeeping;
        this.parts = parts;
        this.rateLimiting = rateLimiting;
        this.config = config;
        this.database = database;
        this.cpu = cpu;
        this.server = server;
        this.bootstrapped = bootstrapped;
        this.cryptoProvider = cryptoProvider;
    }

    public static Latchkey start(LatchkeyConfig config, Clock clock, SecureRandomness randomness) {
        long t0 = System.nanoTime();
        long beforeStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        // Start-up work that does not depend on the database runs beside it: loading the native crypto
        // provider (about a second; until it is in, the JDK providers sign) and Helidon's class loading.
        var cryptoChoice = CryptoProvider.configured();
        var cryptoInstalled = CompletableFuture.supplyAsync(() -> CryptoProvider.install(cryptoChoice));
        var webWarmUp = CompletableFuture.runAsync(WebServer::builder);
        byte[] masterKey = MasterKeys.resolve(config.masterKey(), config.masterKeyFile(), config.dataDir(),
                config.externalDatabase(), randomness.random());
        Database database = Database.open(config.dbUrl().orElse(null), config.dbUser().orElse(null),
                config.dbPassword().orElse(null), config.dataDir(), config.pool().maxSize(), config.pool().minIdle(),
                config.pool().connectionTimeout().toMillis());
        long tCrypto = System.nanoTime();
        CpuPool cpu = CpuPool.forCores();
        Metrics metrics = new Metrics();
        var crypto = cryptoInstalled.thenApply(provider -> {
            metrics.cryptoProvider(provider, cryptoChoice.toString());
            return provider;
        });
        ServerTls tls = null;
        DeferredKeys deferredKeys = DeferredKeys.none();
        try {
            SecretBox box = new SecretBox(masterKey, randomness.random());
            Settings settings = new Settings(database.jdbi());
            checkMasterKey(settings, box);
            long tDb = System.nanoTime();

            Core core = Core.build(database, box, clock, randomness, cpu, config.audit());

            var bootstrap = new Bootstrap(database, settings, core.tenants(), core.clients(),
                    new dev.latchkey.idp.JdbiIdpRepository(database.jdbi(), box, clock), core.provisioning(), randomness, core.ids(), clock).run(config);
            long tBoot = System.nanoTime();

            metrics.database(database);
            if (cryptoChoice == CryptoProvider.Choice.ACCP) {
                crypto.join(); // --crypto-provider accp: no start without it
            }
            var oauth = OAuthParts.build(core, config.baseUrl(), config.trustedProxies(), metrics.registry());
            var rateLimiting = RateLimiting.build(core, config.rateLimits(), config.redisUrl(), metrics.registry());
            metrics.cache("workspaces", oauth.contexts().cache());
            metrics.audit(core.auditQueue());
            if (core.clients() instanceof CachedClientRepository cached) {
                metrics.cache("clients", cached.cache());
            }
            var tokenVerifier = oauth.verifier();
            var apiAuth = new ApiCallerAuth(tokenVerifier);

            PrometheusMeterRegistry registry = metrics.registry();
            var httpMetrics = new HttpMetrics(registry);

            var authorizationFlow = oauth.authorizationFlow(core);
            var pages = new Pages(randomness);
            var endpoints = new Routes.Endpoints(
                    new OperationsEndpoints(database::reachable, registry, rateLimiting::readiness),
                    new WorkspaceResolver(oauth.contexts()),
                    new TokenEndpoint(oauth.clientAuth(), oauth.tokenService(), core.securityEvents()),
                    new JwksEndpoint(),
                    new DiscoveryEndpoint(List.of(DiscoveryEndpoint.base(),
                            DiscoveryEndpoint.tokenEndpoint(oauth.tokenService().supported(),
                                    oauth.clientAuth().supported()),
                            IntrospectionEndpoint.metadata(oauth.clientAuth().supported()),
                            RevocationEndpoint.metadata(oauth.clientAuth().supported()),
                            UserInfoEndpoint.metadata(),
                            dev.latchkey.oauth.clientauth.CertificateBinding.discovery(),
                            AuthorizationMetadata.discovery(),
                            RegistrationEndpoint.metadata())),
                    registrationEndpoint(core, oauth, config.baseUrl()),
                    ManagementApi.resources(core, oauth, apiAuth, config.baseUrl(), rateLimiting),
                    rateLimiting.filter(),
                    new IdempotencyFilter(new IdempotentRequests(
                            new JdbiIdempotencyRepository(database.jdbi(), box), clock), tokenVerifier),
                    new OpenApiDocument(), new OpenApiUi(),
                    new IntrospectionEndpoint(oauth.callers(), oauth.introspection(), core.securityEvents()),
                    new RevocationEndpoint(oauth.callers(), oauth.revocation(), core.securityEvents()),
                    new UserInfoEndpoint(oauth.userInfo(), oauth.clientAuth().certificateBinding()),

                    new AuthorizeEndpoint(authorizationFlow, pages), new LoginEndpoint(authorizationFlow, pages),
                    new LogoutEndpoint(oauth.logoutFlow(core), pages),
                    new dev.latchkey.http.RequestFilters(config.trustedProxies()),
                    Console.build(core, oauth, rateLimiting, config.baseUrl()));

            var keyRotation = new KeyRotationScheduler(core.keyScheduling(), clock, core.bus());
            List<ApiRoutes.Route> routes = new ArrayList<>();
            webWarmUp.join();
            if (config.tls().enabled()) {
                tls = ServerTls.start(config.tls(), config.dataDir(), clock, randomness.random());
            }
            var web = WebServer.builder();
            if (tls != null) {
                // client certificates are asked for, never required, and judged by the client's auth method
                web.tls(Tls.builder().sslContext(tls.context()).clientAuth(TlsClientAuth.OPTIONAL).build());
            }
            WebServer server = web
                    .host(config.host())
                    .port(config.port())
                    .maxPayloadSize(config.maxBodyBytes())
                    // a body may be buffered (X-Idempotency-Key hashes it before the endpoint reads it)
                    .addProtocol(Http1Config.builder()
                            .maxBufferedEntitySize(Size.create(config.maxBodyBytes())).build())
                    .directHandlers(dev.latchkey.http.ErrorMapper.directHandlers())
                    .shutdownHook(false)
                    .shutdownGracePeriod(Duration.ofSeconds(10))
                    .routing(r -> routes.addAll(Routes.register(r.addFilter(httpMetrics::filter), endpoints)))
                    .build()
                    .start();
            long tServer = System.nanoTime();
            // the keys of workspaces created with deferred keys (the first start's) are made in the background,
            // once the server listens and the native crypto provider is in (not competing with the start for the
            // CPU; the RSA encryption keys a few seconds later, not competing with the first requests either); a
            // request that needs them first makes them itself, or waits for this (KeyService#ensureKeys)
            deferredKeys = DeferredKeys.start(core.keys(), crypto);
            keyRotation.start();
            var housekeeping = new Housekeeping(new dev.latchkey.store.ExpiredRows(database.jdbi(), clock),
                    oauth.revocations());
            LOG.info("startup phases: JVM and command line {} ms, database {} ms ({}), master key check {} ms, "
                            + "bootstrap {} ms, web server {} ms; CPU time of this thread {} ms", beforeStart,
                    (tCrypto - t0) / 1_000_000, database.openTimes(), (tDb - tCrypto) / 1_000_000,
                    (tBoot - tDb) / 1_000_000, (tServer - tBoot) / 1_000_000,
                    java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000);
            return new Latchkey(config, database, cpu, server, bootstrap, crypto, deferredKeys, metrics,
                    Optional.ofNullable(tls),
                    new Parts(core.workspaces(), core.clients(), core.bus(), database.statements(), keyRotation,
                            List.copyOf(routes), oauth.contexts(), oauth.accessTokens(), core.auditQueue()),
                    rateLimiting, housekeeping);
        } catch (RuntimeException e) {
            if (tls != null) {
                tls.close();
            }
            metrics.close();
            cpu.close();
            deferredKeys.await();
            database.close();
            throw e;
        }
    }

    private static RegistrationEndpoint registrationEndpoint(Core core, OAuthParts oauth, String baseUrl) {
        var clients = new ClientAdmin(core.database(), core.clients(), core.workspaces(), core.scopes(), core.audit(),
                core.bus(), core.clock(), core.randomness(), core.ids());
        var registration = new DynamicRegistration(clients,
                new JdbiClientRegistrationRepository(core.database().jdbi()), core.scopes(), core.clock(),
                core.randomness());
        return new RegistrationEndpoint(registration, oauth.verifier(), oauth.revocations(),
                new RegistrationJson(new ClientsJson(baseUrl, core.clock()), core.clock()));
    }

    private static void checkMasterKey(Settings settings, SecretBox box) {
        Optional<String> check = settings.get("master_key_check");
        if (check.isEmpty()) {
            settings.insert("master_key_check", box.checkValue());
        } else if (!box.verifiesCheckValue(check.get())) {
            throw new IllegalStateException("the master key does not match the one this database was created "
                    + "with: secrets stored in it cannot be decrypted");
        }
    }

    public int port() {
        return server.port();
    }

    /** The server's TLS (its current certificate, the reload check), when it serves HTTPS. */
    public Optional<ServerTls> tls() {
        return tls;
    }

    public LatchkeyConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public Parts parts() {
        return parts;
    }

    /** The JCA provider that signs, once its background installation has finished. */
    public String cryptoProvider() {
        return cryptoProvider.join();
    }

    /**
     * Completes when the background generation of deferred workspace keys (the first start's) has ended;
     * tests wait for it to see the database as a fully set-up first start leaves it. Asking for it makes the
     * pass generate the encryption keys without waiting for the first requests to pass (DeferredKeys).
     */
    public CompletableFuture<Void> deferredKeys() {
        return deferredKeys.done();
    }

    /** The credentials bootstrap created in this start; empty if the database was already set up. */
    public Optional<BootstrapCredentials> bootstrapCredentials() {
        return bootstrapped;
    }

    @Override
    public void close() {
        parts.keyRotation().close();
        housekeeping.close();
        server.stop();
        deferredKeys.await(); // their inserts, before the database closes
        parts.audit().close(); // the events of the last requests, before the database closes
        rateLimiting.close();
        if (parts.changes() instanceof AutoCloseable bus) {
            try {
                bus.close();
            } catch (Exception e) {
                LOG.warn("closing the change bus failed", e);
            }
        }
        tls.ifPresent(ServerTls::close);
        metrics.close();
        cpu.close();
        database.close();
    }
}
