package dev.latchkey.keys;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs Amazon Corretto Crypto Provider as the first JCA provider where its native library loads
 * (about 12x faster ES256 signing than SunEC on this hardware), and leaves the JDK providers as the
 * fallback otherwise. Idempotent.
 */
public final class CryptoProvider {

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProvider.class);
    private static volatile String active;

    private CryptoProvider() {
    }

    /** Installs the fastest available provider and returns its name. */
    public static synchronized String install() {
        if (active != null) {
            return active;
        }
        try {
            Throwable error = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
            if (error == null) {
                AmazonCorrettoCryptoProvider.install();
                AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
                active = AmazonCorrettoCryptoProvider.PROVIDER_NAME;
            } else {
                LOG.info("Amazon Corretto Crypto Provider unavailable ({}); using the JDK providers", error.toString());
                active = "JDK";
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.info("Amazon Corretto Crypto Provider unavailable ({}); using the JDK providers", e.toString());
            active = "JDK";
        }
        return active;
    }
}
