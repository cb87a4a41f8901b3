package dev.latchkey.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signing and verifying a JWT access token with each JCA provider: {@code provider=current} is what the
 * server uses after {@code CryptoProvider.install()} (Amazon Corretto Crypto Provider where its native
 * library loads), {@code provider=jdk} pins SunEC (ES256) or SunRsaSign (RS256). {@code jcaSign} is the raw
 * signature with one reused {@link Signature} per thread (S of issue 8's ideal rate); {@code nimbusSign} is
 * what {@code JwtAccessTokens} calls (a new {@code Signature} per call, DER to JOSE transcoding);
 * {@code nimbusVerify} the signature check alone, {@code parseAndVerify} all that {@code AccessTokenVerifier}
 * does with the signature (parse the compact JWT, verify).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SigningBenchmark {

    @Param({"ecdsa", "rsa"})
    public String keyType;

    @Param({BenchKeys.CURRENT, "jdk"})
    public String provider;

    JWSHeader header;
    byte[] signingInput;
    JWSSigner signer;
    JWSVerifier verifier;
    Signature jca;
    Base64URL signature;
    String token;

    @Setup
    public void setUp() throws Exception {
        BenchKeys.installServerProvider();
        JWK key = BenchKeys.signingKey(keyType);
        JWSAlgorithm alg = "ecdsa".equals(keyType) ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
        header = new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        Date now = new Date();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("aid", "bench").claim("amr", List.of())
                .audience("d4m3k1bq2c9s7v0l5e8g").expirationTime(new Date(now.getTime() + 3_600_000)).issueTime(now)
                .claim("idp", "").issuer("https://latchkey.example/default/bench").jwtID("0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0")
                .notBeforeTime(now).claim("scp", List.of("orders.read")).claim("st", "public")
                .subject("d4m3k1bq2c9s7v0l5e8g").claim("tid", "default").build();
        if (key instanceof ECKey ec) {
            signer = new ECDSASigner(ec);
            verifier = new ECDSAVerifier(ec.toPublicJWK());
        } else {
            signer = new RSASSASigner((RSAKey) key);
            verifier = new RSASSAVerifier(((RSAKey) key).toPublicJWK());
        }
        BenchKeys.pin(signer.getJCAContext(), provider, keyType);
        BenchKeys.pin(verifier.getJCAContext(), provider, keyType);
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        token = jwt.serialize();
        signingInput = jwt.getSigningInput();
        signature = jwt.getSignature();
        PrivateKey privateKey = key instanceof ECKey ec ? ec.toPrivateKey() : ((RSAKey) key).toPrivateKey();
        String algorithm = "ecdsa".equals(keyType) ? "SHA256withECDSA" : "SHA256withRSA";
        Provider p = BenchKeys.CURRENT.equals(provider) ? null : BenchKeys.jdkProvider(keyType);
        jca = p == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, p);
        jca.initSign(privateKey);
        System.out.println("\n# " + keyType + " provider=" + provider + ": Signature from " + jca.getProvider().getName()
                + "; first provider " + Security.getProviders()[0].getName());
    }

    @Benchmark
    public byte[] jcaSign() throws GeneralSecurityException {
        jca.update(signingInput);
        return jca.sign();
    }

    @Benchmark
    public Base64URL nimbusSign() throws JOSEException {
        return signer.sign(header, signingInput);
    }

    @Benchmark
    public boolean nimbusVerify() throws JOSEException {
        return verifier.verify(header, signingInput, signature);
    }

    @Benchmark
    public boolean parseAndVerify() throws Exception {
        return SignedJWT.parse(token).verify(verifier);
    }
}
