package dev.latchkey.app;

import com.github.benmanes.caffeine.cache.Cache;
import dev.latchkey.store.Database;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The node's meter registry, scraped at {@code GET /metrics} in Prometheus's format, with the meters that
 * need no request: JVM (memory, GC, threads, class loading), process (CPU, uptime), the database pool
 * (HikariCP) and statement count, and the caches of the hot path. The request meters are registered by
 * their parts (HTTP timer, tokens issued, rate-limit rejections). Wiring only.
 */
final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    void database(Database database) {
        database.monitor(registry);
        FunctionCounter.builder("latchkey.db.statements", database.statements(), c -> c.total())
                .description("SQL statements executed").register(registry);
    }

    /** {@code latchkey_crypto_provider{provider, choice} 1}: the JCA provider that signs, once installed. */
    void cryptoProvider(String provider, String choice) {
        io.micrometer.core.instrument.Gauge.builder("latchkey.crypto.provider", () -> 1)
                .description("The JCA provider that signs and verifies (--crypto-provider)")
                .tag("provider", provider).tag("choice", choice).register(registry);
    }

    /**
     * The security events' queue: {@code latchkey_audit_events_total{outcome=written|dropped|failed}} (dropped: the
     * queue was full; failed: the database refused them) and {@code latchkey_audit_events_pending}.
     */
    void audit(dev.latchkey.audit.AuditQueue queue) {
        FunctionCounter.builder("latchkey.audit.events", queue, q -> q.written()).tag("outcome", "written")
                .description("Security events by outcome: written, dropped (queue full), failed (refused by the database)").register(registry);
        FunctionCounter.builder("latchkey.audit.events", queue, q -> q.dropped()).tag("outcome", "dropped")
                .description("Security events by outcome: written, dropped (queue full), failed (refused by the database)").register(registry);
        FunctionCounter.builder("latchkey.audit.events", queue, q -> q.failed()).tag("outcome", "failed")
                .description("Security events by outcome: written, dropped (queue full), failed (refused by the database)").register(registry);
        io.micrometer.core.instrument.Gauge.builder("latchkey.audit.events.pending", queue, q -> q.pending())
                .description("Security events waiting for the audit writer").register(registry);
    }

    /** Hits, misses, evictions and size of a cache, tagged {@code cache=name}. */
    void cache(String name, Cache<?, ?> cache) {
        CaffeineCacheMetrics.monitor(registry, cache, name);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
