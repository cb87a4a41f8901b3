package dev.latchkey.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import dev.latchkey.keys.KeyRing;
import dev.latchkey.oauth.WorkspaceContext;
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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Issue 8's 10,000-workspace question in small: signing with one workspace's key ring again and again
 * ({@code workspaces=1}) against cycling over the key rings of many workspaces ({@code workspaces=10000}),
 * each built as the server builds it ({@link BenchKeys#workspace}: a {@link KeyRing} from stored key
 * material). A difference shows a per-key cost of signing (key translation, cold native key objects).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ManyKeysBenchmark {

    @Param({"1", "10000"})
    public int workspaces;

    KeyRing[] rings;
    JWSHeader[] headers;
    byte[] signingInput;
    int next;

    @Setup
    public void setUp() {
        BenchKeys.installServerProvider();
        rings = new KeyRing[workspaces];
        headers = new JWSHeader[workspaces];
        for (int i = 0; i < workspaces; i++) {
            WorkspaceContext workspace = BenchKeys.workspace("bench-" + i, BenchKeys.signingKey("ecdsa"));
            rings[i] = workspace.keys();
            headers[i] = new JWSHeader.Builder(rings[i].signingAlgorithm()).keyID(rings[i].signingKid())
                    .type(JOSEObjectType.JWT).build();
        }
        signingInput = ("eyJraWQiOiIxIiwidHlwIjoiSldUIiwiYWxnIjoiRVMyNTYifQ."
                + "eyJhaWQiOiJiZW5jaCIsImFtciI6W10sImF1ZCI6ImQ0bTNrMWJxMmM5czd2MGw1ZThnIn0")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public Base64URL sign() throws JOSEException {
        int i = next;
        next = i + 1 == workspaces ? 0 : i + 1;
        return rings[i].signer().sign(headers[i], signingInput);
    }
}
