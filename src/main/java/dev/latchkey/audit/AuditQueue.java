package dev.latchkey.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Records audit events off the request path: {@link #record} only offers the event to a bounded queue and
 * never blocks; one writer thread takes what has accumulated (up to {@code batchSize} events; when fewer are
 * waiting it first lets them accumulate, until a batch is waiting or {@code linger} has passed, so that a batch
 * is not one event at a time when the writer is fast, and under load is full) and hands it to the {@link Writer}
 * as one batch. When the queue is full the event is dropped and counted
 * ({@link #dropped()}), with a warning at most once a minute. A batch that fails is retried event by event,
 * so that one bad event does not lose the others. {@link #close} stops taking events, writes what is queued
 * and stops the writer: call it after the web server has stopped and before the database closes.
 *
 * <p>Security events (token issued, authentication failed, ...) go through this queue; changes made through
 * the management APIs are written in their own transaction instead ({@link AuditLog}). The queue holds what the
 * request path captured ({@link PendingEvent}) and hands it to the {@link Writer} as it is (the segment encoder
 * writes a token capture without making its event).
 * The queue is an array (no node allocated per event; one lock, which the writer takes once per batch).
 */
public final class AuditQueue implements AuditLog, AutoCloseable {

    /** Writes one batch of events (in one transaction); throws when it could not. */
    @FunctionalInterface
    public interface Writer {
        /** The captures as the request path queued them (each made into its event by {@link PendingEvent#event}). */
        void write(List<PendingEvent> batch);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditQueue.class);
    private static final long WARN_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

    private final BlockingQueue<PendingEvent> queue;
    private final Writer writer;
    private final int batchSize;
    private final long lingerNanos;
    private final Clock clock;
    private final Thread thread;
    private final AtomicLong queued = new AtomicLong(); // events accepted since start: every batchSize-th wakes the writer
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean closed;

    public AuditQueue(Writer writer, int capacity, int batchSize, Clock clock) {
        this(writer, capacity, batchSize, Duration.ZERO, clock);
    }

    public AuditQueue(Writer writer, int capacity, int batchSize, Duration linger, Clock clock) {
        if (capacity < 1 || batchSize < 1 || linger.isNegative()) {
            throw new IllegalArgumentException("capacity and batch size must be positive");
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = writer;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.clock = clock;
        this.thread = new Thread(this::run, "audit-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues the event; drops it (and counts it) when the queue is full or closed. Never blocks. */
    @Override
    public void record(AuditEvent event) {
        record((PendingEvent) event);
    }

    /** Queues the captured event (made into its {@link AuditEvent} by the writer); as {@link #record(AuditEvent)}. */
    @Override
    public void record(PendingEvent event) {
        if (closed || !queue.offer(event)) {
            dropped.incrementAndGet();
            warnOfDrops();
        } else if (queued.incrementAndGet() % batchSize == 0) {
            LockSupport.unpark(thread); // a batch may be waiting: a lingering writer takes it now
        }
    }

    /** Events dropped because the queue was full (or closed) since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Events written since start. */
    public long written() {
        return written.get();
    }

    /** Events the writer could not write (the database refused them) since start. */
    public long failed() {
        return failed.get();
    }

    /** Events waiting in the queue. */
    public int pending() {
        return queue.size();
    }

    private void warnOfDrops() {
        long now = clock.millis();
        long last = lastWarning.get();
        if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY_MILLIS) && lastWarning.compareAndSet(last, now)) {
            LOG.warn("the audit queue is full: {} audit events dropped since start", dropped.get());
        }
    }

    private void run() {
        List<PendingEvent> batch = new ArrayList<>(batchSize);
        while (true) {
            PendingEvent first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return; // close() writes what is left
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            batch.add(first);
            boolean interrupted = !linger(); // if so, write what was taken; close() writes the rest
            queue.drainTo(batch, batchSize - 1);
            write(batch);
            batch.clear();
            if (interrupted) {
                return;
            }
        }
    }

    /**
     * Waits until a batch is waiting ({@code batchSize - 1} events besides the one taken), the linger has passed
     * or the queue is closing; false if interrupted. It sleeps through the linger in one park, woken early by the
     * {@link #record} that completes a batch or by {@link #close}: a writer that looked every 10 ms instead spent
     * ~40 % of its CPU time in the kernel, ~140 futex calls a second (bench/results/2026-11-29-s13-writer-kernel.txt).
     */
    private boolean linger() {
        long deadline = System.nanoTime() + lingerNanos;
        while (!closed && queue.size() < batchSize - 1) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                return false;
            }
        }
        return true;
    }

    private void write(List<PendingEvent> batch) {
        try {
            writer.write(List.copyOf(batch)); // the writer may keep it: the taken list is reused
            written.addAndGet(batch.size());
        } catch (RuntimeException batchFailure) {
            for (PendingEvent pending : batch) {
                try {
                    writer.write(List.of(pending));
                    written.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    AuditEvent event = pending.event();
                    LOG.warn("an audit event could not be written ({} {}): {}", event.objectType(), event.action(),
                            e.getClass().getSimpleName());
                }
            }
        }
    }

    /**
     * Stops taking events and writes every queued one, waiting up to {@code timeout} for the writer; what it
     * has not written by then is written here. Idempotent.
     */
    public void close(Duration timeout) {
        closed = true;
        LockSupport.unpark(thread); // a lingering writer writes what it took now
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<PendingEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (int i = 0; i < rest.size(); i += batchSize) {
            write(rest.subList(i, Math.min(rest.size(), i + batchSize)));
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
