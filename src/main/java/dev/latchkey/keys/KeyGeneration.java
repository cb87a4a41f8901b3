package dev.latchkey.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where keys are generated: platform threads, one per core, shared by the process and gone after ten idle
 * seconds. RSA-2048 generation costs tens of milliseconds of CPU: on a request's virtual thread it would
 * hold a carrier thread (virtual threads are not time-sliced) and stall every other request, and on the
 * signing pool it would queue token signatures behind it; here the operating system shares the cores
 * between key generation and the rest. Thread-safe.
 */
final class KeyGeneration {

    private static final ThreadPoolExecutor POOL = pool();

    private KeyGeneration() {
    }

    /** Runs every {@code work} at once on the pool and returns their results in order. */
    static <T> List<T> all(List<Supplier<T>> work) {
        List<Future<T>> futures = new ArrayList<>(work.size());
        for (Supplier<T> w : work) {
            futures.add(POOL.submit(w::get));
        }
        List<T> results = new ArrayList<>(work.size());
        try {
            for (Future<T> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating keys", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    private static ThreadPoolExecutor pool() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        var executor = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "latchkey-keygen-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
