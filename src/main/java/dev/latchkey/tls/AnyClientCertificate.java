package dev.latchkey.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The server's trust manager for client certificates: it accepts any. The TLS layer only asks for a
 * certificate ("want", never "need") and proves that the client holds its private key (the handshake's
 * CertificateVerify, which JSSE checks whatever the trust manager says); whether the certificate is worth
 * anything is decided per client by the OAuth layer (RFC 8705: {@code tls_client_auth} matches the registered
 * subject DN or SAN and, when the workspace has {@code root_cas}, checks the chain against them;
 * {@code self_signed_tls_client_auth} matches the client's registered keys). A server-wide trust store
 * would refuse self-signed client certificates before they reach it. Never used to check a server.
 */
final class AnyClientCertificate extends X509ExtendedTrustManager {

    private static final X509Certificate[] NONE = new X509Certificate[0];

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // decided by the client authentication method, per client
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // decided by the client authentication method, per client
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // decided by the client authentication method, per client
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the server's trust manager checks no server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the server's trust manager checks no server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the server's trust manager checks no server");
    }

    /** No names in the certificate request: a client may offer any certificate. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
