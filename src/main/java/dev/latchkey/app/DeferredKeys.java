package dev.latchkey.app;

import dev.latchkey.keys.KeyService;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The start's background generation of deferred workspace keys ({@link KeyService#ensureAllKeys}): the first
 * start creates its five workspaces without keys (issue 8: their ten RSA-2048 encryption keys took seconds
 * of a cold JVM's start-up), and this makes them beside the rest of the start. Any request that needs a
 * workspace's keys before this reaches it makes them itself, or waits for this to finish them.
 */
final class DeferredKeys {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeferredKeys.class);

    private DeferredKeys() {
    }

    /** Makes the keys in a background thread once {@code after} has completed (whatever its outcome). */
    static CompletableFuture<Void> start(KeyService keys, CompletableFuture<?> after) {
        var done = new CompletableFuture<Void>();
        Thread.ofPlatform().daemon().name("latchkey-deferred-keys").start(() -> {
            try {
                after.handle((result, failure) -> null).get(1, TimeUnit.MINUTES);
            } catch (ExecutionException | TimeoutException e) {
                // the keys are made all the same, by whichever provider is installed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long t0 = System.nanoTime();
            try {
                int made = keys.ensureAllKeys();
                if (made > 0) {
                    LOG.info("keys of {} workspaces made in the background in {} ms", made,
                            (System.nanoTime() - t0) / 1_000_000);
                }
                done.complete(null);
            } catch (RuntimeException | Error e) {
                LOG.warn("making deferred workspace keys failed; each workspace's first use makes them", e);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Waits (at most a minute) for {@code work} to end, whatever its outcome. */
    static void await(CompletableFuture<Void> work) {
        try {
            work.get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            // logged where it failed; a timeout leaves keys to the first use after the next start
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
