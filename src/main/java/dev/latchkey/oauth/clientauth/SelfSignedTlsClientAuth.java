package dev.latchkey.oauth.clientauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import dev.latchkey.client.Client;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * {@code self_signed_tls_client_auth} (RFC 8705 §2.2): the client sends its {@code client_id} and a
 * certificate ({@link ClientCertificates}) that it registered: one of the keys of its {@code jwks} (or
 * {@code jwks_uri}) has the certificate as the first entry of its {@code x5c}, or, without {@code x5c}, the
 * certificate's public key. No chain is validated (the registration is the trust). Selected by the client's
 * registration ({@link ClientAuthentication}).
 */
final class SelfSignedTlsClientAuth implements ClientAuthMethod {

    private final RegisteredClients clients;
    private final ClientCertificates certificates;
    private final ClientJwks jwks;

    SelfSignedTlsClientAuth(RegisteredClients clients, ClientCertificates certificates, ClientJwks jwks) {
        this.clients = clients;
        this.certificates = certificates;
        this.jwks = jwks;
    }

    @Override
    public String name() {
        return "self_signed_tls_client_auth";
    }

    @Override
    public boolean presentIn(ClientCredentialsInput input) {
        return false; // a client_id alone: chosen by the client's registered method
    }

    @Override
    public Client authenticate(WorkspaceContext workspace, ClientCredentialsInput input) {
        Client client = clients.require(workspace, input.params().get("client_id").orElse(null), name());
        List<X509Certificate> chain = certificates.of(workspace, input);
        if (chain.isEmpty()) {
            throw OAuthException.invalidClient("self_signed_tls_client_auth needs a client certificate", false);
        }
        X509Certificate certificate = chain.get(0);
        List<JWK> registered;
        try {
            registered = jwks.select(client, key -> registers(key, certificate));
        } catch (KeySourceException e) {
            registered = List.of();
        }
        if (registered.isEmpty()) {
            throw OAuthException.invalidClient("The client certificate is not one the client registered", false);
        }
        return client;
    }

    private static boolean registers(JWK key, X509Certificate certificate) {
        try {
            List<Base64> x5c = key.getX509CertChain();
            if (x5c != null && !x5c.isEmpty()) {
                return Arrays.equals(x5c.get(0).decode(), certificate.getEncoded());
            }
            JWK certificateKey = publicJwk(certificate.getPublicKey());
            return certificateKey != null && key.computeThumbprint().equals(certificateKey.computeThumbprint());
        } catch (JOSEException | CertificateEncodingException | RuntimeException e) {
            return false;
        }
    }

    /** The certificate's key as a JWK (not Nimbus's JWK.parse(certificate): for EC that needs BouncyCastle). */
    private static JWK publicJwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            return curve == null ? null : new ECKey.Builder(curve, ec).build();
        }
        return null;
    }
}
