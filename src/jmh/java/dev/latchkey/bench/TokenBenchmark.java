package dev.latchkey.bench;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.latchkey.oauth.TokenResponse;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.oauth.token.AccessTokenClaims;
import dev.latchkey.oauth.token.IssuedAccessToken;
import dev.latchkey.oauth.token.JwtAccessTokens;
import dev.latchkey.support.CpuPool;
import dev.latchkey.support.Json;
import dev.latchkey.support.SecureRandomness;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The rest of a client_credentials token: {@code claims} builds the claim set the way
 * {@link JwtAccessTokens} does and writes it as JSON (no signature); {@code issue} is
 * {@link JwtAccessTokens#issue} itself (claims, header, signing on the server's CPU pool, serialization)
 * with the server's provider; {@code responseJson} writes the token response body the way the token
 * endpoint does (an ordered map through the server's Jackson mapper).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TokenBenchmark {

    @Param({"ecdsa"})
    public String keyType;

    WorkspaceContext workspace;
    JwtAccessTokens tokens;
    CpuPool cpu;
    SecureRandomness randomness;
    AccessTokenClaims claims = new AccessTokenClaims("d4m3k1bq2c9s7v0l5e8g", "d4m3k1bq2c9s7v0l5e8g",
            List.of("d4m3k1bq2c9s7v0l5e8g"), List.of("orders.read"), "", List.of(), "public", Duration.ofHours(1));
    String accessToken;

    @Setup
    public void setUp() {
        BenchKeys.installServerProvider();
        workspace = BenchKeys.workspace("bench", BenchKeys.signingKey(keyType));
        cpu = CpuPool.forCores();
        randomness = SecureRandomness.strong();
        tokens = new JwtAccessTokens(Clock.systemUTC(), randomness, cpu);
        accessToken = tokens.issue(workspace, claims).value();
    }

    @TearDown
    public void tearDown() {
        cpu.close();
    }

    @Benchmark
    public String claims() {
        Date issuedAt = Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Instant expiresAt = issuedAt.toInstant().plus(claims.ttl());
        return new JWTClaimsSet.Builder()
                .claim("aid", workspace.workspaceId())
                .claim("amr", claims.amr())
                .audience(claims.audience())
                .expirationTime(Date.from(expiresAt))
                .issueTime(issuedAt)
                .claim("idp", claims.idp())
                .issuer(workspace.issuer())
                .jwtID(randomness.uuid())
                .notBeforeTime(issuedAt)
                .claim("scp", claims.scopes())
                .claim("st", claims.subjectType())
                .subject(claims.subject())
                .claim("tid", workspace.tenantId())
                .build()
                .toPayload().toString();
    }

    @Benchmark
    public IssuedAccessToken issue() {
        return tokens.issue(workspace, claims);
    }

    @Benchmark
    public byte[] responseJson() {
        TokenResponse response = TokenResponse.accessOnly(accessToken, 3600, "orders.read");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", response.accessToken());
        body.put("expires_in", response.expiresIn());
        body.put("scope", response.scope());
        body.put("token_type", response.tokenType());
        return Json.bytes(body);
    }
}
