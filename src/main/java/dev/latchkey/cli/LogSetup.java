package dev.latchkey.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.time.Duration;

/**
 * The logging configuration, in code rather than a {@code logback.xml} (issue 8: Joran's XML parsing and
 * model processing were about a tenth of the start's main-thread CPU time). Logback finds it through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator} at the first logger; an operator's own
 * {@code -Dlogback.configurationFile} still wins (this steps aside and logback reads that file).
 *
 * <p>Standard output, one line per event ({@link LogFormat#TEXT}: time, level, logger, message; {@link
 * LogFormat#JSON}: {@link JsonLogEncoder}). The access log ({@code latchkey.access}, one line per request) goes
 * through a {@link BatchedConsoleAppender}: a request never waits for the console, the lines of each 20 ms are
 * written at once, and under overload lines are dropped rather than requests slowed; {@code
 * LATCHKEY_ACCESS_LOG=WARN} silences it. Hikari, Flyway and
 * Helidon log warnings only; Lettuce's connection watchdog only errors (it warns at every failed reconnect to
 * Redis; the rate limiter logs the outage once instead).
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    private static final int ACCESS_QUEUE = 8192;
    private static final Duration ACCESS_LINGER = Duration.ofMillis(20);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, LogFormat.TEXT);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Replaces {@code context}'s configuration with Latchkey's in {@code format}. */
    static void apply(LoggerContext context, LogFormat format) {
        context.reset();
        var console = new ConsoleAppender<ILoggingEvent>();
        console.setName("STDOUT");
        console.setContext(context);
        console.setEncoder(encoder(context, format));
        console.start();

        var access = new BatchedConsoleAppender(ACCESS_QUEUE, ACCESS_LINGER, () -> System.out);
        access.setName("ACCESS");
        access.setContext(context);
        access.setEncoder(encoder(context, format)); // its own: the access log's writer encodes on its thread
        access.start();
        Logger accessLog = context.getLogger("latchkey.access");
        String level = System.getenv("LATCHKEY_ACCESS_LOG");
        accessLog.setLevel(Level.toLevel(level == null || level.isBlank() ? null : level.strip(), Level.INFO));
        accessLog.setAdditive(false);
        accessLog.addAppender(access);

        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("io.helidon").setLevel(Level.WARN);
        context.getLogger("io.lettuce.core.protocol.ConnectionWatchdog").setLevel(Level.ERROR);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        Encoder<ILoggingEvent> encoder;
        if (format == LogFormat.JSON) {
            encoder = new JsonLogEncoder();
        } else {
            var pattern = new PatternLayoutEncoder();
            pattern.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
            encoder = pattern;
        }
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }
}
