package dev.latchkey.audit;

import dev.latchkey.store.Database;
import dev.latchkey.support.Xid;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The audit writer's work for one batch of token events, as the token endpoint queues them under load
 * ({@code batch} captures of one client, one workspace, a user agent string per request): {@code encode} makes
 * the segment body ({@link AuditSegmentEncoder}: dictionary, deltas and deflate), {@code write} also stores it
 * in an embedded H2 database in a temporary directory ({@link JdbiAuditSegmentRepository#write}: JDBI's
 * transaction, the insert, H2's commit). Time per batch; divide by {@code batch} for an event's share of the
 * writer's CPU (it is one thread). The database grows by one segment per call, as it does in the server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AuditWriteBenchmark {

    @Param({"2000"})
    public int batch;

    private List<PendingEvent> captures;
    private Path dir;
    private Database database;
    private JdbiAuditSegmentRepository segments;

    @Setup
    public void setUp() throws IOException {
        Clock clock = Clock.systemUTC();
        Xid ids = new Xid(clock, new SecureRandom());
        captures = new ArrayList<>(batch);
        Instant start = clock.instant();
        SecurityEvents.Origin origin = new SecurityEvents.Origin("127.0.0.1", "wrk");
        for (int i = 0; i < batch; i++) {
            Instant at = start.plusNanos(i * 59_000L);
            // a new user agent string per request, as the HTTP server makes them
            SecurityEvents.Origin o = new SecurityEvents.Origin(origin.ip(), new String(origin.userAgent()));
            captures.add(TokenIssued.of(ids, ids.reserve(at.getEpochSecond()), at, o, "bench", "default",
                    "bench-client", "bench-client", "client_credentials", "introspect_tokens"));
        }
        dir = Files.createTempDirectory("latchkey-audit-bench");
        database = Database.open(null, null, null, dir);
        database.jdbi().useHandle(h -> h.execute(
                "INSERT INTO tenants (id, doc, created_at, updated_at) VALUES ('bench', '{}', ?, ?)", start, start));
        segments = new JdbiAuditSegmentRepository(database);
    }

    @TearDown
    public void tearDown() throws IOException {
        database.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public AuditSegmentEncoder.Segment encode() {
        return AuditSegmentEncoder.encode(captures);
    }

    @Benchmark
    public void write() {
        segments.write(captures);
    }
}
