package dev.latchkey.oauth.clientauth;

import dev.latchkey.oauth.FormParams;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a request carries that can authenticate a client: the Authorization header, the form, the address
 * the request came from, the certificate chain of the TLS connection (empty on plain HTTP or when the
 * client presented none), a look-up of the request's other headers (the
 * workspace's client certificate header, believed only from a trusted proxy), and the path of the endpoint
 * called below the issuer ({@code /oauth2/token}), which client assertions may name as their audience.
 */
public record ClientCredentialsInput(String authorizationHeader, FormParams params, InetAddress remoteAddress,
                                     List<X509Certificate> connectionCertificates, UnaryOperator<String> headers,
                                     String endpointPath) {

    public static final String TOKEN_ENDPOINT = "/oauth2/token";

    public ClientCredentialsInput {
        connectionCertificates = connectionCertificates == null ? List.of() : List.copyOf(connectionCertificates);
        headers = headers == null ? name -> null : headers;
        endpointPath = endpointPath == null ? TOKEN_ENDPOINT : endpointPath;
    }

    /** The header and the form only: no connection certificate, no other header, the token endpoint. */
    public ClientCredentialsInput(String authorizationHeader, FormParams params) {
        this(authorizationHeader, params, null, List.of(), null, TOKEN_ENDPOINT);
    }

    /** True for the Basic scheme, with or without credentials after it (a bare "Basic" is a malformed attempt). */
    public boolean hasBasicHeader() {
        if (authorizationHeader == null) {
            return false;
        }
        String header = authorizationHeader.strip();
        return header.regionMatches(true, 0, "Basic", 0, 5) && (header.length() == 5 || header.charAt(5) == ' ');
    }

    /** True when the form carries a client assertion or its type (RFC 7521 §4.2). */
    public boolean hasClientAssertion() {
        return params.has("client_assertion") || params.has("client_assertion_type");
    }

    /** The value of a request header, or null. */
    public String header(String name) {
        return headers.apply(name);
    }
}
