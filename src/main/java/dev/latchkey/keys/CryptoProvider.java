package dev.latchkey.keys;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.Optional;

/**
 * The JCA provider that signs, verifies and generates keys, chosen by {@code --crypto-provider}
 * ({@link Choice}): Amazon Corretto Crypto Provider (ACCP, about 12x faster ES256 signing and 4x faster
 * RSA key generation than the JDK's providers on this hardware) installed as the first provider, or the
 * JDK's own (SunEC, SunRsaSign). JCA providers are process-wide, so the choice is too: the last
 * {@link #install(Choice)} in the process decides (the server makes one; a test JVM may run with
 * {@code -Dlatchkey.crypto=jdk}, the default choice of {@link #configured()}). Thread-safe.
 */
public final class CryptoProvider {

    /** System property naming the default choice ({@code auto}, {@code accp}, {@code jdk}). */
    public static final String PROPERTY = "latchkey.crypto";
    /** What {@link #install} returns when the JDK's providers sign. */
    public static final String JDK = "JDK";

    private static final Logger LOG = LoggerFactory.getLogger(CryptoProvider.class);
    private static Choice installedChoice;
    private static volatile String active;

    /** How the provider is chosen. */
    public enum Choice {
        /** ACCP where its native library loads, the JDK's providers otherwise. */
        AUTO,
        /** ACCP or no start. */
        ACCP,
        /** The JDK's providers only (ACCP is not installed, and removed if it was). */
        JDK;

        /** {@code auto}, {@code accp} or {@code jdk}, any case. */
        public static Choice parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "accp" -> ACCP;
                case "jdk" -> JDK;
                default -> throw new IllegalArgumentException("must be auto, accp or jdk, not '" + value + "'");
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private CryptoProvider() {
    }

    /** The choice of this process: the system property {@value #PROPERTY}, else {@code auto}. */
    public static Choice configured() {
        return Choice.parse(System.getProperty(PROPERTY));
    }

    /** Sets the process's choice (the {@code serve} command's {@code --crypto-provider}) for later installs. */
    public static void configure(Choice choice) {
        System.setProperty(PROPERTY, choice.toString());
    }

    /** Installs the {@link #configured()} choice and returns the provider's name. */
    public static String install() {
        return install(configured());
    }

    /**
     * Installs the chosen provider and returns its name ({@code AmazonCorrettoCryptoProvider} or
     * {@value #JDK}). Idempotent for the same choice.
     *
     * @throws IllegalStateException with {@link Choice#ACCP} where ACCP's native library does not load
     */
    public static synchronized String install(Choice choice) {
        if (active != null && choice == installedChoice) {
            return active;
        }
        String name = JDK;
        if (choice == Choice.JDK) {
            Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        } else {
            Throwable error = accpError();
            if (error == null) {
                try {
                    AmazonCorrettoCryptoProvider.install();
                    AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
                    name = AmazonCorrettoCryptoProvider.PROVIDER_NAME;
                } catch (RuntimeException | LinkageError e) {
                    error = e;
                }
            }
            if (error != null && choice == Choice.ACCP) {
                throw new IllegalStateException("--crypto-provider accp: Amazon Corretto Crypto Provider does not "
                        + "load here (" + error + ")", error);
            }
            if (error != null) {
                LOG.info("Amazon Corretto Crypto Provider unavailable ({}); using the JDK providers", error.toString());
            }
        }
        installedChoice = choice;
        active = name;
        LOG.info("crypto provider: {} (--crypto-provider {})", name, choice);
        return name;
    }

    /** ACCP as a provider object where its native library loads (for explicit use, e.g. in tests). */
    public static Optional<Provider> accp() {
        return accpError() == null ? Optional.of(AmazonCorrettoCryptoProvider.INSTANCE) : Optional.empty();
    }

    private static Throwable accpError() {
        try {
            return AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
        } catch (RuntimeException | LinkageError e) {
            return e;
        }
    }
}
