package dev.latchkey.audit;

import dev.latchkey.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue of security events: a full queue drops (and counts) instead of blocking the caller, even while
 * the writer is stuck; closing writes everything still queued; a batch the writer refuses is retried event
 * by event so that one bad event loses only itself.
 */
class AuditQueueTest {

    static AuditEvent event(String id) {
        return new AuditEvent(id, "default", "default", "client", "subject", "issued", "access_token", "client",
                "127.0.0.1", "test", Map.of(), Instant.parse("2026-11-27T10:00:00Z"));
    }

    @Test
    void aFullQueueDropsWithoutBlockingWhileTheWriterIsStuckAndCloseWritesTheRest() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        AuditQueue queue = new AuditQueue(batch -> {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batch.forEach(e -> written.add(e.event().id()));
        }, 2, 10, new TestClock());

        queue.record(event("e0"));
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue(); // the writer holds e0 and is stuck
        long start = System.nanoTime();
        for (int i = 1; i <= 1000; i++) {
            queue.record(event("e" + i));
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMillis).isLessThan(1000); // never waits for the writer
        assertThat(queue.pending()).isEqualTo(2);
        assertThat(queue.dropped()).isEqualTo(998);

        release.countDown();
        queue.close(Duration.ofSeconds(5));
        assertThat(written).containsExactly("e0", "e1", "e2");
        assertThat(queue.written()).isEqualTo(3);
        // after close nothing more is taken
        queue.record(event("late"));
        assertThat(queue.dropped()).isEqualTo(999);
        assertThat(written).doesNotContain("late");
    }

    @Test
    void aLingeringWriterWritesAsSoonAsAFullBatchIsWaiting() throws Exception {
        List<List<PendingEvent>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch full = new CountDownLatch(1);
        AuditQueue queue = new AuditQueue(batch -> {
            batches.add(batch);
            if (batch.size() == 50) {
                full.countDown();
            }
        }, 1000, 50, Duration.ofMinutes(10), new TestClock());
        for (int i = 0; i < 50; i++) {
            queue.record(event("e" + i));
        }
        // not the ten minutes of the linger: a batch is waiting
        assertThat(full.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(batches).hasSize(1);
        queue.record(event("alone"));
        long start = System.nanoTime();
        queue.close(Duration.ofSeconds(60)); // close wakes the lingering writer: not the linger, not the timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(batches.stream().flatMap(List::stream).map(e -> e.event().id())).hasSize(51).contains("alone");
    }

    @Test
    void closeWritesEverythingQueuedInBatches() {
        List<List<PendingEvent>> batches = new CopyOnWriteArrayList<>();
        AuditQueue queue = new AuditQueue(batches::add, 10_000, 100, new TestClock());
        for (int i = 0; i < 2500; i++) {
            queue.record(event("e" + i));
        }
        queue.close(Duration.ofSeconds(10));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(2500);
        assertThat(batches).allSatisfy(b -> assertThat(b.size()).isBetween(1, 100));
        assertThat(batches.stream().flatMap(List::stream).map(e -> e.event().id()).distinct().count()).isEqualTo(2500);
        assertThat(queue.dropped()).isZero();
        assertThat(queue.pending()).isZero();
    }

    @Test
    void aRefusedBatchIsRetriedEventByEventAndOnlyTheBadEventIsLost() {
        List<String> written = new CopyOnWriteArrayList<>();
        CountDownLatch hold = new CountDownLatch(1);
        AuditQueue queue = new AuditQueue(batch -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (batch.stream().anyMatch(e -> e.event().id().equals("bad"))) {
                throw new IllegalStateException("refused");
            }
            batch.forEach(e -> written.add(e.event().id()));
        }, 100, 100, new TestClock());
        queue.record(event("a"));
        queue.record(event("bad"));
        queue.record(event("b"));
        hold.countDown();
        queue.close(Duration.ofSeconds(5));
        assertThat(written).contains("a", "b").doesNotContain("bad");
        assertThat(queue.failed()).isEqualTo(1);
        assertThat(queue.written()).isEqualTo(2);
    }
}
