package dev.latchkey.app;

import dev.latchkey.keys.KeyService;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The start's background generation of deferred workspace keys ({@link KeyService#ensureAllKeys}): the first
 * start creates its five workspaces without keys (issue 8: their ten RSA-2048 encryption keys took seconds
 * of a cold JVM's start-up), and this makes them beside the rest of the start. Any request that needs a
 * workspace's keys before this reaches it makes them itself, or waits for this to finish them.
 *
 * <p>The signing keys (ECDSA by default: cheap) are made as soon as the native crypto provider is in; the
 * encryption keys wait {@link #ENCRYPTION_KEYS_DELAY} more, or until {@link #hurry()}: ten RSA generations on
 * both cores right after the server listens took the cores from the first requests (the first token waited
 * for them: 0.2-1 s on the 2-core machine of issue 8). Thread-safe.
 */
final class DeferredKeys {

    /** How long after the signing keys the encryption keys wait, unless hurried. */
    static final Duration ENCRYPTION_KEYS_DELAY = Duration.ofSeconds(3);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeferredKeys.class);

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CountDownLatch hurry = new CountDownLatch(1);

    private DeferredKeys() {
    }

    /** Nothing to make (a failed start). */
    static DeferredKeys none() {
        var none = new DeferredKeys();
        none.done.complete(null);
        return none;
    }

    /** Makes the keys in a background thread once {@code after} has completed (whatever its outcome). */
    static DeferredKeys start(KeyService keys, CompletableFuture<?> after) {
        var pass = new DeferredKeys();
        Thread.ofPlatform().daemon().name("latchkey-deferred-keys").start(() -> pass.run(keys, after));
        return pass;
    }

    private void run(KeyService keys, CompletableFuture<?> after) {
        try {
            after.handle((result, failure) -> null).get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            // the keys are made all the same, by whichever provider is installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long t0 = System.nanoTime();
        try {
            int made = keys.ensureAllKeys(this::awaitQuietStart);
            if (made > 0) {
                LOG.info("keys of {} workspaces made in the background in {} ms", made,
                        (System.nanoTime() - t0) / 1_000_000);
            }
            done.complete(null);
        } catch (RuntimeException | Error e) {
            LOG.warn("making deferred workspace keys failed; each workspace's first use makes them", e);
            done.completeExceptionally(e);
        }
    }

    private void awaitQuietStart() {
        try {
            hurry.await(ENCRYPTION_KEYS_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the pass make the encryption keys now instead of after the delay. */
    void hurry() {
        hurry.countDown();
    }

    /** Completes when the pass has ended; hurries it (whoever waits for the pass wants it done). */
    CompletableFuture<Void> done() {
        hurry();
        return done;
    }

    /** Waits (at most a minute) for the pass to end, whatever its outcome; hurries it. */
    void await() {
        try {
            done().get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            // logged where it failed; a timeout leaves keys to the first use after the next start
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
