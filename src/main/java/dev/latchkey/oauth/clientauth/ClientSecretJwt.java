package dev.latchkey.oauth.clientauth;

import com.nimbusds.jose.JWSAlgorithm;
import dev.latchkey.client.Client;
import dev.latchkey.client.RotatedSecret;
import dev.latchkey.oauth.WorkspaceContext;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code client_secret_jwt} (RFC 7523 §2.2, OIDC Core §9): a JWT signed with HS256, HS384 or HS512 keyed by
 * the client secret (its UTF-8 bytes): the current secret unless past {@code client_secret_expires_at}, or a
 * rotated secret still live. Chosen for every assertion that {@link PrivateKeyJwt} does not take (an HMAC
 * {@code alg}, an unsupported one, or no JWS at all), which then fails here.
 */
final class ClientSecretJwt implements ClientAuthMethod {

    private final ClientAssertions assertions;
    private final Clock clock;

    ClientSecretJwt(ClientAssertions assertions, Clock clock) {
        this.assertions = assertions;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "client_secret_jwt";
    }

    @Override
    public boolean presentIn(ClientCredentialsInput input) {
        JWSAlgorithm alg = ClientAssertions.algorithm(input);
        return input.hasClientAssertion() && (alg == null || !PrivateKeyJwt.ALGORITHMS.contains(alg));
    }

    @Override
    public Client authenticate(WorkspaceContext workspace, ClientCredentialsInput input) {
        return assertions.authenticate(workspace, input, name(), JWSAlgorithm.Family.HMAC_SHA,
                client -> {
                    List<Key> keys = secrets(client, clock.instant());
                    return (header, context) -> keys;
                });
    }

    private static List<Key> secrets(Client client, Instant now) {
        List<Key> keys = new ArrayList<>();
        if (client.clientSecret() != null && !client.clientSecret().isEmpty() && !client.secretExpiredAt(now)) {
            keys.add(hmacKey(client.clientSecret()));
        }
        for (RotatedSecret rotated : client.liveRotatedSecrets(now)) {
            if (rotated.secret() != null && !rotated.secret().isEmpty()) {
                keys.add(hmacKey(rotated.secret()));
            }
        }
        return keys;
    }

    private static Key hmacKey(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
