package dev.latchkey.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jca.JCAContext;
import dev.latchkey.keys.CryptoProvider;
import dev.latchkey.keys.KeyRepository;
import dev.latchkey.keys.KeyRing;
import dev.latchkey.keys.KeyStatus;
import dev.latchkey.keys.StoredKey;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.workspace.WorkspaceDefaults;

import java.security.Provider;
import java.security.Security;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keys and a workspace context for the benchmarks, built as the server builds them (a {@link KeyRing} from
 * stored key material, {@link WorkspaceDefaults} for the workspace), with the server's JCA provider choice
 * ({@link CryptoProvider#install()}) made first.
 */
public final class BenchKeys {

    /** {@code current}: the provider the server uses after {@link CryptoProvider#install()}. */
    public static final String CURRENT = "current";

    private BenchKeys() {
    }

    /** Installs the server's provider choice and returns its name (AmazonCorrettoCryptoProvider or JDK). */
    public static String installServerProvider() {
        return CryptoProvider.install();
    }

    /** A signing key as the server generates it: ES256 on P-256 ({@code ecdsa}) or RS256 with RSA 2048 ({@code rsa}). */
    public static JWK signingKey(String keyType) {
        try {
            return switch (keyType) {
                case "ecdsa" -> new ECKeyGenerator(Curve.P_256).keyID("bench-" + keyType).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).generate();
                case "rsa" -> new RSAKeyGenerator(2048).keyID("bench-" + keyType).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).generate();
                default -> throw new IllegalArgumentException(keyType);
            };
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK provider for a key type: SunEC for EC, SunRsaSign for RSA. */
    public static Provider jdkProvider(String keyType) {
        return Security.getProvider("ecdsa".equals(keyType) ? "SunEC" : "SunRsaSign");
    }

    /** Pins a Nimbus signer's or verifier's JCA context to {@code provider} ({@link #CURRENT}: leave it). */
    public static void pin(JCAContext context, String provider, String keyType) {
        if (!CURRENT.equals(provider)) {
            context.setProvider(jdkProvider(keyType));
        }
    }

    /** A workspace of tenant {@code default} with every default and a key ring holding {@code key}. */
    public static WorkspaceContext workspace(String id, JWK key) {
        Instant now = Instant.now();
        StoredKey stored = new StoredKey(key.getKeyID(), "sig", KeyStatus.CURRENT, key.toPublicJWK().toJSONObject(),
                now, now, null, null);
        KeyRing ring = KeyRing.of(List.of(new KeyRepository.KeyMaterial(stored, key.toJSONString())));
        return new WorkspaceContext(WorkspaceDefaults.of("default", id, id, "regular", "bench-secret", "bench-salt",
                now), "https://latchkey.example/default/" + id, ring, Map.of(), Map.of());
    }
}
