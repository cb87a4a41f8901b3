package dev.latchkey.keys;

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
import dev.latchkey.support.Json;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The usable keys of one workspace, loaded once and cached: the current signing key with a ready signer,
 * verifiers for every signing key that is not revoked (current, next, rotated), and the public JWKS
 * document, serialized once. Private parts never leave this object. Immutable and thread-safe (Nimbus
 * signers and verifiers are thread-safe).
 */
public final class KeyRing {

    private final String signingKid;
    private final JWSAlgorithm signingAlgorithm;
    private final JWSHeader signingHeader;
    private final JWSSigner signer;
    private final Map<String, JWSVerifier> verifiers;
    private final byte[] publicJwks;

    private KeyRing(String signingKid, JWSAlgorithm signingAlgorithm, JWSSigner signer,
                    Map<String, JWSVerifier> verifiers, byte[] publicJwks) throws ParseException {
        this.signingKid = signingKid;
        this.signingAlgorithm = signingAlgorithm;
        // parsed from its own encoding, Nimbus keeps that encoding and sends it as is: no JSON writing per token
        this.signingHeader = JWSHeader.parse(new JWSHeader.Builder(signingAlgorithm).keyID(signingKid)
                .type(JOSEObjectType.JWT).build().toBase64URL());
        this.signer = signer;
        this.verifiers = verifiers;
        this.publicJwks = publicJwks;
    }

    /** Builds the ring from stored keys; a workspace without a current signing key is a storage fault. */
    public static KeyRing of(List<KeyRepository.KeyMaterial> keys) {
        String kid = null;
        JWSAlgorithm alg = null;
        JWSSigner signer = null;
        Map<String, JWSVerifier> verifiers = new HashMap<>();
        List<Map<String, Object>> published = new ArrayList<>();
        try {
            for (KeyRepository.KeyMaterial material : keys) {
                StoredKey key = material.key();
                if (key.status() == KeyStatus.REVOKED) {
                    continue;
                }
                published.add(key.publicJwk());
                if (!"sig".equals(key.use())) {
                    continue;
                }
                JWK jwk = JWK.parse(material.privateJwk());
                verifiers.put(key.kid(), verifier(jwk));
                if (key.status() == KeyStatus.CURRENT) {
                    kid = key.kid();
                    alg = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
                    signer = signer(jwk);
                }
            }
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("a stored workspace key is unusable", e);
        }
        if (signer == null) {
            throw new IllegalStateException("the workspace has no current signing key");
        }
        Map<String, Object> jwks = new LinkedHashMap<>();
        jwks.put("keys", published);
        try {
            return new KeyRing(kid, alg, signer, Map.copyOf(verifiers), Json.bytes(jwks));
        } catch (ParseException e) {
            throw new IllegalStateException("the signing header does not parse", e);
        }
    }

    public String signingKid() {
        return signingKid;
    }

    public JWSAlgorithm signingAlgorithm() {
        return signingAlgorithm;
    }

    /**
     * The header of the JWTs signed with the current key ({@code alg}, {@code kid}, {@code typ: JWT}), encoded
     * once: the same for every token. Immutable.
     */
    public JWSHeader signingHeader() {
        return signingHeader;
    }

    public JWSSigner signer() {
        return signer;
    }

    /** The verifier of a signing key that is not revoked, if {@code kid} names one. */
    public Optional<JWSVerifier> verifier(String kid) {
        return Optional.ofNullable(kid == null ? null : verifiers.get(kid));
    }

    /** The public JWKS document ({@code {"keys":[...]}}), as bytes ready to send. Do not modify. */
    public byte[] publicJwks() {
        return publicJwks;
    }

    private static JWSSigner signer(JWK jwk) throws JOSEException {
        if (jwk instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        if (jwk instanceof RSAKey rsa) {
            return new RSASSASigner(rsa);
        }
        throw new JOSEException("unsupported signing key type " + jwk.getKeyType());
    }

    private static JWSVerifier verifier(JWK jwk) throws JOSEException {
        if (jwk instanceof ECKey ec) {
            return new ECDSAVerifier(ec.toPublicJWK());
        }
        if (jwk instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa.toPublicJWK());
        }
        throw new JOSEException("unsupported signing key type " + jwk.getKeyType());
    }
}
