package dev.latchkey.oauth.clientauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.client.Client;
import dev.latchkey.oauth.OAuthException;
import dev.latchkey.oauth.WorkspaceContext;

import javax.security.auth.x500.X500Principal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code tls_client_auth} (RFC 8705 §2.1): PKI mutual TLS. The client sends its {@code client_id} and a
 * certificate ({@link ClientCertificates}); the certificate must be valid (chained to the workspace's
 * {@code root_cas} when it has some) and match the one name the client registered (§2.1.2):
 * {@code tls_client_auth_subject_dn} (compared as distinguished names, RFC 4514), or a subject alternative
 * name: {@code tls_client_auth_san_dns}, {@code _san_uri}, {@code _san_ip} (compared as addresses) or
 * {@code _san_email}. Selected by the client's registration ({@link ClientAuthentication}).
 */
final class TlsClientAuth implements ClientAuthMethod {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");
    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;
    private static final int SAN_IP = 7;

    private final RegisteredClients clients;
    private final ClientCertificates certificates;

    TlsClientAuth(RegisteredClients clients, ClientCertificates certificates) {
        this.clients = clients;
        this.certificates = certificates;
    }

    @Override
    public String name() {
        return "tls_client_auth";
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
            throw OAuthException.invalidClient("tls_client_auth needs a client certificate", false);
        }
        if (!certificates.valid(workspace, chain) || !matches(client.extra(), chain.get(0))) {
            throw OAuthException.invalidClient("The client certificate does not authenticate this client", false);
        }
        return client;
    }

    static boolean matches(ObjectNode registration, X509Certificate certificate) {
        String dn = registration.path("tls_client_auth_subject_dn").asText("");
        if (!dn.isEmpty()) {
            try {
                return new X500Principal(dn).equals(certificate.getSubjectX500Principal());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        String dns = registration.path("tls_client_auth_san_dns").asText("");
        if (!dns.isEmpty()) {
            return sans(certificate, SAN_DNS).stream().anyMatch(dns::equalsIgnoreCase);
        }
        String uri = registration.path("tls_client_auth_san_uri").asText("");
        if (!uri.isEmpty()) {
            return sans(certificate, SAN_URI).contains(uri);
        }
        String email = registration.path("tls_client_auth_san_email").asText("");
        if (!email.isEmpty()) {
            return sans(certificate, SAN_EMAIL).stream().anyMatch(email::equalsIgnoreCase);
        }
        String ip = registration.path("tls_client_auth_san_ip").asText("");
        if (!ip.isEmpty()) {
            InetAddress registered = address(ip);
            return registered != null && sans(certificate, SAN_IP).stream().map(TlsClientAuth::address)
                    .anyMatch(registered::equals);
        }
        return false; // nothing registered to match
    }

    private static List<String> sans(X509Certificate certificate, int type) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream().filter(n -> n.size() >= 2 && Integer.valueOf(type).equals(n.get(0)))
                    .map(n -> String.valueOf(n.get(1))).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /** An IP literal as an address (never a DNS lookup), or null. */
    private static InetAddress address(String literal) {
        String text = literal.strip().toLowerCase(Locale.ROOT);
        if (!IP_LITERAL.matcher(text).matches() || (!text.contains(".") && !text.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
