package dev.latchkey.oauth.clientauth;

import dev.latchkey.bench.BenchKeys;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientQuery;
import dev.latchkey.client.ClientRepository;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.Secrets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The shared-secret check of client_secret_basic/post ({@link ClientSecrets#verify}: client lookup in a
 * cache-like in-memory repository, status checks, constant-time comparison with the current secret and
 * every rotated slot), and {@link Secrets#equal} alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ClientSecretsBenchmark {

    static final String SECRET = "Xy7_pQ2-rT9vW4zA1bC3dE5fG7hJ9kL0mN2oP4qR6sT";

    ClientSecrets secrets;
    WorkspaceContext workspace;
    String given = new String(SECRET.toCharArray());
    String wrong = SECRET.substring(0, SECRET.length() - 1) + "x";

    @Setup
    public void setUp() {
        workspace = BenchKeys.workspace("bench", BenchKeys.signingKey("ecdsa"));
        Client client = new Client("d4m3k1bq2c9s7v0l5e8g", "default", "bench", "app", "", SECRET,
                List.of("client_credentials"), List.of(), List.of(), List.of(), "client_secret_post", "web", false,
                false, Instant.now());
        secrets = new ClientSecrets(new OneClient(client), Clock.systemUTC());
    }

    @Benchmark
    public Client verify() {
        return secrets.verify(workspace, "d4m3k1bq2c9s7v0l5e8g", given, false);
    }

    @Benchmark
    public boolean secretsEqual() {
        return Secrets.equal(SECRET, given);
    }

    @Benchmark
    public boolean secretsEqualWrong() {
        return Secrets.equal(SECRET, wrong);
    }

    /** A repository holding one client, answering like the cached repository does once warm. */
    static final class OneClient implements ClientRepository {
        private final Client client;

        OneClient(Client client) {
            this.client = client;
        }

        @Override
        public Optional<Client> find(String tenantId, String clientId) {
            return client.tenantId().equals(tenantId) && client.clientId().equals(clientId) ? Optional.of(client)
                    : Optional.empty();
        }

        @Override
        public Optional<Client> findForUpdate(String tenantId, String clientId) {
            return find(tenantId, clientId);
        }

        @Override
        public void insert(Client c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(Client c) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String tenantId, String clientId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Client> list(ClientQuery query) {
            return List.of();
        }
    }
}
