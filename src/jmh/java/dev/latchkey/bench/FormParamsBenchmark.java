package dev.latchkey.bench;

import dev.latchkey.oauth.FormParams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Parsing the form of a token request ({@link FormParams#parse}): client_credentials with client_secret_post. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FormParamsBenchmark {

    String clientCredentials = "grant_type=client_credentials&client_id=d4m3k1bq2c9s7v0l5e8g"
            + "&client_secret=Xy7_pQ2-rT9vW4zA1bC3dE5fG7hJ9kL0mN2oP4qR6sT&scope=orders.read%20orders.write";
    String authorizationCode = "grant_type=authorization_code&code=kZ3vQ8wR1tY6uI0oP5aS2dF7gH4jK9lZ3xC8vB1nM6q"
            + "&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback&code_verifier=bench-pkce-verifier-0123456789-0123456789";

    @Benchmark
    @org.openjdk.jmh.annotations.OutputTimeUnit(TimeUnit.SECONDS)
    public FormParams clientCredentials() {
        return FormParams.parse(clientCredentials);
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OutputTimeUnit(TimeUnit.SECONDS)
    public FormParams authorizationCode() {
        return FormParams.parse(authorizationCode);
    }
}
