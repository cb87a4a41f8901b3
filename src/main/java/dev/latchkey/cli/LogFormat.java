package dev.latchkey.cli;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The log format of {@code latchkey serve}: {@code text} (the default) or {@code json} (one JSON object per
 * line); {@link LogSetup} holds the configuration of both. An operator's own {@code -Dlogback.configurationFile}
 * wins over both.
 */
enum LogFormat {
    TEXT, JSON;

    static LogFormat parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("must be text or json, not " + value);
        }
    }

    /** Reconfigures logback in this format, unless the operator named a configuration file of their own. */
    void apply() {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            LogSetup.apply(context, this);
        }
    }
}
