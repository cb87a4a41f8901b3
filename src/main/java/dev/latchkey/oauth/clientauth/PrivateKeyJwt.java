package dev.latchkey.oauth.clientauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import dev.latchkey.client.Client;
import dev.latchkey.oauth.WorkspaceContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code private_key_jwt} (RFC 7523 §2.2, OIDC Core §9): a JWT signed with an RSA (RS/PS) or EC (ES) key
 * whose public half the client registered in {@code jwks} or publishes at {@code jwks_uri}
 * ({@link ClientJwks}); the header's {@code kid}, when present, picks the key. Chosen when the assertion's
 * {@code alg} is an asymmetric one.
 */
final class PrivateKeyJwt implements ClientAuthMethod {

    /** RS, PS and ES with SHA-256, -384 and -512 (not ES256K, not EdDSA), in the order discovery lists them. */
    static final Set<JWSAlgorithm> ALGORITHMS = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384,
            JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512)));

    private final ClientAssertions assertions;
    private final ClientJwks jwks;

    PrivateKeyJwt(ClientAssertions assertions, ClientJwks jwks) {
        this.assertions = assertions;
        this.jwks = jwks;
    }

    @Override
    public String name() {
        return "private_key_jwt";
    }

    @Override
    public boolean presentIn(ClientCredentialsInput input) {
        JWSAlgorithm alg = ClientAssertions.algorithm(input);
        return input.hasClientAssertion() && alg != null && ALGORITHMS.contains(alg);
    }

    @Override
    public Client authenticate(WorkspaceContext workspace, ClientCredentialsInput input) {
        return assertions.authenticate(workspace, input, name(), ALGORITHMS,
                client -> new JWSVerificationKeySelector<>(ALGORITHMS, jwks.source(client)));
    }
}
