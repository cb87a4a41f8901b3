package dev.latchkey.oauth.clientauth;

import dev.latchkey.client.Client;
import dev.latchkey.oauth.DiscoveryMetadata;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/**
 * Certificate-bound access tokens (RFC 8705 §3). A client registered with
 * {@code tls_client_certificate_bound_access_tokens: true} gets access tokens bound to the client certificate it
 * presented at the token endpoint, whatever method it authenticated with: the token carries the certificate's
 * SHA-256 thumbprint ({@code cnf: {"x5t#S256": ...}}), and a resource accepts it only from a request presenting
 * the same certificate. Such a client must present one (else {@code invalid_request}: an unbound token would
 * defeat the binding). The certificate is the TLS connection's, else the workspace's certificate header from a
 * trusted proxy ({@link ClientCertificates}). Other clients get bearer tokens, certificate or not. Thread-safe.
 */
public final class CertificateBinding {

    /** The client metadata field (RFC 8705 §3.4) and the discovery field (§3.3). */
    public static final String METADATA = "tls_client_certificate_bound_access_tokens";

    private final ClientCertificates certificates;

    CertificateBinding(ClientCertificates certificates) {
        this.certificates = certificates;
    }

    /**
     * The thumbprint to bind {@code client}'s new access token to, or null for a bearer token; {@code invalid_request}
     * when the client requires binding and the request presents no certificate.
     */
    public String bind(WorkspaceContext workspace, Client client, ClientCredentialsInput input) {
        if (!client.extraField(METADATA).asBoolean(false)) {
            return null;
        }
        return presented(workspace, input).orElseThrow(() -> OAuthException.invalidRequest("The client requires "
                + "certificate-bound access tokens (" + METADATA + "): the request must present a client "
                + "certificate"));
    }

    /** The thumbprint of the client certificate a request presents, if it presents one. */
    public Optional<String> presented(WorkspaceContext workspace, ClientCredentialsInput input) {
        var chain = certificates.of(workspace, input);
        return chain.isEmpty() ? Optional.empty() : Optional.of(thumbprint(chain.get(0)));
    }

    /**
     * True when a token bound to {@code bound} (null: a bearer token, always true) may be used by a request that
     * presents {@code presented}. Compared in constant time.
     */
    public static boolean matches(String bound, Optional<String> presented) {
        return bound == null || presented.map(p -> MessageDigest.isEqual(
                p.getBytes(StandardCharsets.US_ASCII), bound.getBytes(StandardCharsets.US_ASCII))).orElse(false);
    }

    /** base64url (no padding) of the SHA-256 of the certificate's DER encoding: {@code x5t#S256}. */
    public static String thumbprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the client certificate", e);
        }
    }

    /** {@code tls_client_certificate_bound_access_tokens: true} in every workspace's metadata (RFC 8705 §3.3). */
    public static DiscoveryMetadata discovery() {
        return (workspace, doc) -> doc.put(METADATA, true);
    }
}
