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
 * pool works. Thread-safe.
 */
public final class CpuPool implements AutoCloseable {

    private final ExecutorService executor;

    public CpuPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "latchkey-cpu-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    public static CpuPool forCores() {
        return new CpuPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** Runs {@code work} on the pool and waits for it; its unchecked exceptions are rethrown as they are. */
    public <T> T run(Supplier<T> work) {
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
        executor.shutdownNow();
    }
}
