package dev.latchkey.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access log's appender: lines come out in order and whole, those of one linger in one write, all queued lines
 * by the time {@code stop} returns; a full queue drops lines (counted) instead of blocking.
 */
class BatchedConsoleAppenderTest {

    private final LoggerContext context = new LoggerContext();

    {
        context.setMDCAdapter(new LogbackMDCAdapter()); // what the service provider gives the real context
    }
    private final List<String> writes = new ArrayList<>();
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream() {
        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }, false, StandardCharsets.UTF_8);

    private BatchedConsoleAppender appender(int capacity, Duration linger) {
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        var appender = new BatchedConsoleAppender(capacity, linger, () -> out);
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private void log(BatchedConsoleAppender appender, int line) {
        appender.doAppend(new LoggingEvent("test", context.getLogger("latchkey.access"), Level.INFO, "line {}", null,
                new Object[] {line}));
    }

    private List<String> lines() {
        return String.join("", writes).lines().toList();
    }

    @Test
    void writesTheLinesOfOneLingerInOneWriteAndTheRestWhenStopped() {
        var appender = appender(100, Duration.ofHours(1)); // the writer holds the first line until stopped
        IntStream.rangeClosed(1, 5).forEach(i -> log(appender, i));

        appender.stop();

        assertThat(writes).hasSize(1);
        assertThat(lines()).containsExactly("line 1", "line 2", "line 3", "line 4", "line 5");
        assertThat(appender.dropped()).isZero();
    }

    @Test
    void writesEveryLineInOrderUnderManyLingers() {
        var appender = appender(10_000, Duration.ZERO);
        IntStream.rangeClosed(1, 2000).forEach(i -> log(appender, i));

        appender.stop();

        assertThat(lines()).containsExactlyElementsOf(IntStream.rangeClosed(1, 2000).mapToObj(i -> "line " + i).toList());
    }

    @Test
    void dropsAndCountsWhatAFullQueueCannotTake() {
        var appender = appender(2, Duration.ofHours(1)); // at most one line with the writer and two queued

        IntStream.rangeClosed(1, 10).forEach(i -> log(appender, i));
        appender.stop();

        assertThat(lines().size() + appender.dropped()).isEqualTo(10);
        assertThat(appender.dropped()).isGreaterThanOrEqualTo(7);
        assertThat(lines().stream().map(l -> Integer.parseInt(l.substring(5))).toList()).isSorted().startsWith(1);
        log(appender, 11); // stopped: ignored
        assertThat(lines()).doesNotContain("line 11");
    }
}
