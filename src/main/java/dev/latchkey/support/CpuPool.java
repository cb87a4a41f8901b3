package dev.latchkey.support;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A small pool of platform threads, one per core, for CPU-bound work (signing, verification, hashing).
 *
 * <p>Why: requests run on virtual threads, which are not time-sliced, so a burst of CPU-bound requests
 * holds the carrier threads and every other request waits behind it (design.md §5 measured p99 159 ms on
 * the request's virtual thread vs 9 ms on a bounded pool). The calling virtual thread parks while the
 * pool works. With {@code -Dlatchkey.cpu-threads=0} the work runs on the calling thread instead (no hand-off: two
 * thread switches less per call; for measuring what the pool costs when the work is short). Thread-safe.
 */
public final class CpuPool implements AutoCloseable {

    /** The system property that overrides the pool's size (default: one thread per core; 0: on the caller). */
    public static final String THREADS_PROPERTY = "latchkey.cpu-threads";

    private final ExecutorService executor;

    /** A pool of {@code threads} platform threads; 0: none, the work runs on the calling thread. */
    public CpuPool(int threads) {
        if (threads == 0) {
            this.executor = null;
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "latchkey-cpu-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    public static CpuPool forCores() {
        Integer configured = Integer.getInteger(THREADS_PROPERTY);
        if (configured != null && configured >= 0) {
            return new CpuPool(configured);
        }
        return new CpuPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** Runs {@code work} on the pool and waits for it; its unchecked exceptions are rethrown as they are. */
    public <T> T run(Supplier<T> work) {
        if (executor == null) {
            return work.get();
        }
        Future<T> future = executor.submit(work::get);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for CPU pool", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
