package dev.latchkey.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.util.Locale;

/**
 * The log format of {@code latchkey serve}: {@code text} (logback.xml, the default) or {@code json}
 * (logback-json.xml: one JSON object per line). An operator's own {@code -Dlogback.configurationFile} wins
 * over both.
 */
enum LogFormat {
    TEXT("logback.xml"), JSON("logback-json.xml");

    private final String resource;

    LogFormat(String resource) {
        this.resource = resource;
    }

    static LogFormat parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("must be text or json, not " + value);
        }
    }

    /** Reconfigures logback with this format's file, unless the operator named a file of their own. */
    void apply() {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        URL url = LogFormat.class.getClassLoader().getResource(resource);
        if (!(factory instanceof LoggerContext context) || url == null) {
            return;
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging from " + resource + ": " + e.getMessage(), e);
        }
    }
}
