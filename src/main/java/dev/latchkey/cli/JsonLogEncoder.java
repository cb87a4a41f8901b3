package dev.latchkey.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per log line ({@code --log-format json}): {@code timestamp} (ISO-8601, UTC), {@code level},
 * {@code logger}, {@code thread}, {@code message} (formatted), then the MDC entries and SLF4J key-value pairs
 * as fields of their own, and {@code exception} (the stack trace) when there is one. Logback's own
 * {@code JsonEncoder} writes the unformatted message pattern under {@code message} and nests the rest, which
 * log shippers index less well.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NONE = new byte[0];
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"timestamp\":\"").append(DateTimeFormatter.ISO_INSTANT.format(event.getInstant())).append('"');
        field(json, "level", event.getLevel().toString());
        field(json, "logger", event.getLoggerName());
        field(json, "thread", event.getThreadName());
        field(json, "message", event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((key, value) -> field(json, key, value));
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                field(json, pair.key, String.valueOf(pair.value));
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            field(json, "exception", ThrowableProxyUtil.asString(thrown));
        }
        json.append("}\n");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append(",\"");
        QUOTE.quoteAsString(name, json);
        json.append("\":");
        if (value == null) {
            json.append("null");
        } else {
            json.append('"');
            QUOTE.quoteAsString(value, json);
            json.append('"');
        }
    }
}
