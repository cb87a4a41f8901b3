package dev.latchkey.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The server's key manager, whose key and certificate chain can be replaced while the server runs: each new
 * handshake uses the pair most recently {@link #use(PemFiles.KeyAndChain) set}; connections already open
 * keep theirs. Thread-safe.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final char[] PASSWORD = "latchkey".toCharArray();

    private volatile X509ExtendedKeyManager current;
    /** The one before: a handshake that chose its alias just before a swap still finds its key. */
    private volatile X509ExtendedKeyManager previous;
    private int generation;

    ReloadingKeyManager(PemFiles.KeyAndChain pair) {
        use(pair);
    }

    synchronized void use(PemFiles.KeyAndChain pair) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server-" + (++generation), pair.key(), PASSWORD, pair.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, PASSWORD);
            for (var manager : factory.getKeyManagers()) {
                if (manager instanceof X509ExtendedKeyManager x509) {
                    previous = current == null ? x509 : current;
                    current = x509;
                    return;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 key manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot use the server key: " + e.getMessage(), e);
        }
    }

    private X509KeyManager delegate() {
        return current;
    }

    private X509KeyManager owner(String alias) {
        X509KeyManager now = current;
        return now.getPrivateKey(alias) != null ? now : previous;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return owner(alias).getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return owner(alias).getPrivateKey(alias);
    }
}
