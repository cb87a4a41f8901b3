package dev.latchkey.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The access log's appender: a request only offers its event to a bounded queue (never blocks; when the queue is
 * full the line is dropped and counted), and one writer thread takes what has accumulated after a {@code linger}
 * and writes it to standard output in one write. Logback's {@code AsyncAppender} before it wrote (and flushed)
 * each line on its own, and its worker woke up for each: a system call and a context switch per request on two
 * cores shared with the requests. A line thus reaches the console up to {@code linger} late; {@link #stop} writes
 * what is queued. Thread-safe.
 */
final class BatchedConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final BlockingQueue<ILoggingEvent> queue;
    private final long lingerMillis;
    private final Supplier<PrintStream> out;
    private final AtomicLong dropped = new AtomicLong();
    private Encoder<ILoggingEvent> encoder;
    private Thread writer;

    /** {@code out}: where to write, asked at each write ({@code () -> System.out}, as logback's console appender). */
    BatchedConsoleAppender(int capacity, Duration linger, Supplier<PrintStream> out) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.lingerMillis = linger.toMillis();
        this.out = out;
    }

    void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** Lines dropped because the queue was full, since start. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for appender " + getName());
            return;
        }
        writer = Thread.ofPlatform().name("access-log-writer").daemon().start(this::run);
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        List<ILoggingEvent> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                Thread.sleep(lingerMillis); // let the lines of the next milliseconds join this write
                queue.drainTo(batch);
                write(batch);
                batch.clear();
            }
        } catch (InterruptedException stopping) {
            queue.drainTo(batch);
            write(batch);
        }
    }

    private void write(List<ILoggingEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        var bytes = new ByteArrayOutputStream(batch.size() * 128);
        for (ILoggingEvent event : batch) {
            bytes.writeBytes(encoder.encode(event));
        }
        PrintStream stream = out.get();
        stream.write(bytes.toByteArray(), 0, bytes.size());
        stream.flush();
    }

    /** Takes no more lines, writes the queued ones and stops the writer. */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        writer.interrupt();
        try {
            writer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
