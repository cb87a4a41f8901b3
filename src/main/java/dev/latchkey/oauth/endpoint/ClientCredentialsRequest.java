package dev.latchkey.oauth.endpoint;

import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.clientauth.ClientCredentialsInput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The client credentials of an HTTP request, for every endpoint that authenticates clients (token, and
 * introspection and revocation with their own {@code endpointPath}, e.g. {@code /oauth2/introspect}): the
 * Authorization header, the parsed form, the peer's address (a trusted proxy's certificate header is
 * believed only from it), a look-up of the other headers, and the client certificate chain of the TLS
 * connection (empty on plain HTTP, or when the client sent none: the server asks for one without requiring
 * it).
 */
final class ClientCredentialsRequest {

    private ClientCredentialsRequest() {
    }

    /** The certificates the client presented in the TLS handshake, leaf first. */
    private static List<X509Certificate> connectionCertificates(ServerRequest req) {
        if (!req.isSecure()) {
            return List.of();
        }
        Certificate[] chain = req.remotePeer().tlsCertificates().orElse(null);
        if (chain == null || chain.length == 0) {
            return List.of();
        }
        List<X509Certificate> certificates = new ArrayList<>(chain.length);
        for (Certificate certificate : chain) {
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        return certificates;
    }

    static ClientCredentialsInput of(ServerRequest req, FormParams params, String endpointPath) {
        InetAddress remote = req.remotePeer().address() instanceof InetSocketAddress socket ? socket.getAddress()
                : null;
        return new ClientCredentialsInput(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null), params,
                remote, connectionCertificates(req),
                name -> req.headers().first(HeaderNames.create(name)).orElse(null),
                endpointPath);
    }
}
