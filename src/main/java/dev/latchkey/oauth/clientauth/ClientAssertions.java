package dev.latchkey.oauth.clientauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.latchkey.client.Client;
import dev.latchkey.client.ClientAssertionJtiRepository;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.TokenHashes;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks shared by {@code client_secret_jwt} and {@code private_key_jwt} (RFC 7523 §3, OIDC Core §9),
 * done by Nimbus's {@link DefaultJWTProcessor}: the assertion type is {@code jwt-bearer}; the JWS is signed
 * with an algorithm of the method's family (never {@code none}), the client's
 * {@code token_endpoint_auth_signing_alg} when it is of that family, by one of the client's keys; {@code iss} and
 * {@code sub} are the client id; {@code aud} names the issuer, the token endpoint or the endpoint called;
 * {@code exp} is required and in the future, at most {@link #MAX_LIFETIME} ahead (and after {@code iat});
 * {@code nbf} and {@code iat} are not in the future, all with {@link #SKEW_SECONDS} of skew, on the injected
 * clock; {@code jti} is required and accepted once until {@code exp}. A signature that does not verify gives
 * the same {@code invalid_client} description as an unknown client; a bad claim, once the signature holds,
 * is named.
 */
final class ClientAssertions {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final Duration MAX_LIFETIME = Duration.ofHours(1);
    static final int SKEW_SECONDS = 30;

    private final RegisteredClients clients;
    private final ClientAssertionJtiRepository jtis;
    private final Clock clock;

    ClientAssertions(RegisteredClients clients, ClientAssertionJtiRepository jtis, Clock clock) {
        this.clients = clients;
        this.jtis = jtis;
        this.clock = clock;
    }

    /** The algorithm in the assertion's header; null when there is no assertion or it is not a JWS. */
    static JWSAlgorithm algorithm(ClientCredentialsInput input) {
        String assertion = input.params().get("client_assertion").orElse(null);
        if (assertion == null) {
            return null;
        }
        try {
            return SignedJWT.parse(assertion).getHeader().getAlgorithm();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Authenticates the client named by the assertion's {@code sub}, registered for {@code method}, with the
     * keys {@code keys} gives for it, accepting the algorithms of {@code family}.
     */
    Client authenticate(WorkspaceContext workspace, ClientCredentialsInput input, String method,
                        Set<JWSAlgorithm> family, Function<Client, JWSKeySelector<SecurityContext>> keys) {
        if (!JWT_BEARER.equals(input.params().get("client_assertion_type").orElse(null))) {
            throw invalid("client_assertion_type must be " + JWT_BEARER);
        }
        String assertion = input.params().get("client_assertion")
                .orElseThrow(() -> invalid("The client_assertion parameter is missing"));
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw invalid("The client assertion is not a signed JWT");
        }
        String clientId = claims.getSubject();
        if (clientId == null || clientId.isEmpty()) {
            throw invalid("The client assertion has no sub claim");
        }
        String formClientId = input.params().get("client_id").orElse(null);
        if (formClientId != null && !formClientId.equals(clientId)) {
            throw OAuthException.invalidRequest("client_id does not match the sub of the client assertion");
        }
        Client client = clients.require(workspace, clientId, method);
        Set<JWSAlgorithm> accepted = accepted(family, client);
        JWSKeySelector<SecurityContext> clientKeys = keys.apply(client);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier((type, context) -> { }); // typ is optional; any value is fine
        processor.setJWSKeySelector((header, context) ->
                accepted.contains(header.getAlgorithm()) ? clientKeys.selectJWSKeys(header, context) : java.util.List.of());
        processor.setJWTClaimsSetVerifier(claimsVerifier(workspace, input, clientId));
        try {
            processor.process(jwt, null);
        } catch (BadJWTException e) {
            throw invalid("Invalid client assertion: " + e.getMessage());
        } catch (BadJOSEException | JOSEException | RuntimeException e) {
            throw OAuthException.invalidClient(ClientSecrets.FAILED, false);
        }
        Instant now = clock.instant();
        Instant expires = claims.getExpirationTime().toInstant();
        Instant issued = claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant();
        if (expires.isAfter(now.plus(MAX_LIFETIME).plusSeconds(SKEW_SECONDS))
                || issued != null && expires.isAfter(issued.plus(MAX_LIFETIME))) {
            throw invalid("The client assertion lives too long: at most " + MAX_LIFETIME.toMinutes()
                    + " minutes between iat (or now) and exp");
        }
        if (issued != null && issued.isAfter(now.plusSeconds(SKEW_SECONDS))) {
            throw invalid("The client assertion was issued in the future (iat)");
        }
        if (!jtis.firstUse(workspace.tenantId(), workspace.workspaceId(), clientId,
                TokenHashes.hash(claims.getJWTID()), expires.plusSeconds(SKEW_SECONDS), now)) {
            throw invalid("The client assertion was already used (jti)");
        }
        return client;
    }

    /**
     * The family's algorithms, narrowed to the client's {@code token_endpoint_auth_signing_alg} when that is
     * one of them. One of the other family is ignored: Cloudentity fills in ES256 for every client that does
     * not say, so a {@code client_secret_jwt} client carries ES256 unless its administrator chose HS256; its
     * HMAC assertions are accepted all the same. Empty means any of the family.
     */
    private static Set<JWSAlgorithm> accepted(Set<JWSAlgorithm> family, Client client) {
        String registered = client.extra().path("token_endpoint_auth_signing_alg").asText("");
        JWSAlgorithm alg = registered.isEmpty() ? null : JWSAlgorithm.parse(registered);
        return alg != null && family.contains(alg) ? Set.of(alg) : family;
    }

    private DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(WorkspaceContext workspace,
                                                                      ClientCredentialsInput input, String clientId) {
        Set<String> audiences = new LinkedHashSet<>();
        audiences.add(workspace.issuer());
        audiences.add(workspace.issuer() + ClientCredentialsInput.TOKEN_ENDPOINT);
        audiences.add(workspace.issuer() + input.endpointPath());
        JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).build();
        Clock now = clock;
        var verifier = new DefaultJWTClaimsVerifier<SecurityContext>(audiences, exact,
                Set.of("iss", "sub", "aud", "exp", "jti"), null) {
            @Override
            protected Date currentTime() {
                return Date.from(now.instant());
            }
        };
        verifier.setMaxClockSkew(SKEW_SECONDS);
        return verifier;
    }

    private static OAuthException invalid(String description) {
        return OAuthException.invalidClient(description, false);
    }
}
