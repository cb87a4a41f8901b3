package dev.latchkey.oauth.clientauth;

import dev.latchkey.oauth.WorkspaceContext;
import dev.latchkey.support.TrustedProxies;
import dev.latchkey.workspace.Workspace;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client certificate of a request (RFC 8705 §2): the first certificate of the TLS connection's chain;
 * else, when the workspace has {@code read_client_certificate_from_header} on and names a
 * {@code client_certificate_header}, that header, but only on a request whose remote address is one of
 * the configured trusted proxies (from anyone else the header is ignored, as if absent). The header holds
 * a PEM certificate, URL-encoded or not (nginx's {@code $ssl_client_escaped_cert}), or bare base64 DER.
 */
final class ClientCertificates {

    private static final int MAX_HEADER = 16 * 1024;
    /** The body of the first PEM block; the label's space may have become a '+' in URL encoding. */
    private static final Pattern PEM = Pattern.compile("-----BEGIN[ +]CERTIFICATE-----(.*?)-----END[ +]CERTIFICATE-----",
            Pattern.DOTALL);

    private final TrustedProxies proxies;
    private final Clock clock;

    ClientCertificates(TrustedProxies proxies, Clock clock) {
        this.proxies = proxies;
        this.clock = clock;
    }

    /** The chain the client presented, leaf first; empty when it presented none (or none that counts). */
    List<X509Certificate> of(WorkspaceContext workspace, ClientCredentialsInput input) {
        if (!input.connectionCertificates().isEmpty()) {
            return input.connectionCertificates();
        }
        Workspace settings = workspace.workspace();
        String name = settings.clientCertificateHeader();
        if (!settings.readClientCertificateFromHeader() || name == null || name.isBlank()
                || !proxies.contains(input.remoteAddress())) {
            return List.of();
        }
        String value = input.header(name.strip());
        if (value == null || value.isBlank() || value.length() > MAX_HEADER) {
            return List.of();
        }
        return parse(value).map(List::of).orElse(List.of());
    }

    /** The certificate in a header value, if it holds one. */
    static Optional<X509Certificate> parse(String value) {
        String text = value.strip();
        if (text.contains("%")) {
            // percent-decoding only: a '+' is base64, not a space
            text = URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        Matcher pem = PEM.matcher(text);
        if (pem.find()) {
            text = pem.group(1);
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("\\s+", ""));
            Certificate certificate = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return certificate instanceof X509Certificate x509 ? Optional.of(x509) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the chain is valid now: against the workspace's {@code root_cas} (PKIX, without revocation
     * checks) when it has some, else only the leaf's validity period.
     */
    boolean valid(WorkspaceContext workspace, List<X509Certificate> chain) {
        Date now = Date.from(clock.instant());
        String roots = workspace.workspace().rootCas();
        try {
            if (roots == null || roots.isBlank()) {
                chain.get(0).checkValidity(now);
                return true;
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Set<TrustAnchor> anchors = new HashSet<>();
            for (Certificate root : factory.generateCertificates(
                    new ByteArrayInputStream(roots.getBytes(StandardCharsets.US_ASCII)))) {
                anchors.add(new TrustAnchor((X509Certificate) root, null));
            }
            if (anchors.isEmpty()) {
                return false;
            }
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(now);
            CertPath path = factory.generateCertPath(chain);
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
