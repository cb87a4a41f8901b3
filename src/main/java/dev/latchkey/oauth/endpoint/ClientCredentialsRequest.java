package dev.latchkey.oauth.endpoint;

import dev.latchkey.oauth.FormParams;
import dev.latchkey.oauth.clientauth.ClientCredentialsInput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The client credentials of an HTTP request, for every endpoint that authenticates clients (token, and
 * introspection and revocation with their own {@code endpointPath}, e.g. {@code /oauth2/introspect}): the
 * Authorization header, the parsed form, the peer's address (a trusted proxy's certificate header is
 * believed only from it), a look-up of the other headers, and, once the server has a TLS listener, the
 * connection's client certificate chain (none yet).
 */
final class ClientCredentialsRequest {

    private ClientCredentialsRequest() {
    }

    static ClientCredentialsInput of(ServerRequest req, FormParams params, String endpointPath) {
        InetAddress remote = req.remotePeer().address() instanceof InetSocketAddress socket ? socket.getAddress()
                : null;
        return new ClientCredentialsInput(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null), params,
                remote, List.of(), name -> req.headers().first(HeaderNames.create(name)).orElse(null),
                endpointPath);
    }
}
