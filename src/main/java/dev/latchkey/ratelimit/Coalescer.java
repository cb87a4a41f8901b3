package dev.latchkey.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request coalescing for the shared buckets (what Bucket4j calls {@code Optimizations.batching()}): from one
 * node, at most one round trip per bucket is in flight. Requests for that bucket that arrive meanwhile wait
 * for it to return and then go together, as ONE take of n tokens; Redis grants as many as there are whole
 * tokens (at most n), atomically, and the grants go to the waiting requests in arrival order. Exactly as many
 * requests pass as one-at-a-time takes would let pass, with the same {@code X-RateLimit-Remaining} each:
 * no precision is lost, only round trips. A request for an idle bucket goes at once; one that arrives while
 * its bucket's round trip is in flight waits for it and then for its own, shared one: up to two round trips
 * of latency (instead of one, pipelined) for a fraction of a round trip's CPU on the node and on Redis.
 *
 * <p>A request waits at most its timeout. If it is still queued then, it leaves the queue (nothing was
 * taken for it); if its round trip was already sent, the token Redis may grant it is lost (the node spends
 * a little more than it used, never more than the budget). Thread-safe; a bucket's queue exists only while
 * a round trip for it is in flight.
 *
 * <p>Under sustained load a round trip also asks for tokens in advance ({@link Leases}): requests that find
 * leased tokens are decided at once, without waiting for Redis.
 */
final class Coalescer {

    /**
     * What one round trip answered: tokens granted (of those asked), whole tokens left, µs until one is back,
     * tokens granted in advance.
     */
    record Take(long granted, long remaining, long waitMicros, long extra) {
    }

    /**
     * One round trip giving {@code returned} unused tokens back to a bucket (an expired lease), then asking it for
     * {@code count} tokens, one per request, in order, and for up to {@code extra} more in advance (granted only
     * above {@link Leases#reserve}).
     */
    @FunctionalInterface
    interface RoundTrip {
        CompletionStage<Take> take(String key, RateLimit limit, long count, long extra, long returned);
    }

    /** One request's part of a take: passed or not, the whole tokens left after it, µs until one is back. */
    record Share(boolean allowed, long remaining, long waitMicros) {
    }

    /** A bucket with a round trip in flight, and the requests queued for the next one; guarded by itself. */
    private static final class Lane {
        final String key;
        final RateLimit limit;
        final List<CompletableFuture<Share>> queued = new ArrayList<>();
        boolean retired;

        Lane(String key, RateLimit limit) {
            this.key = key;
            this.limit = limit;
        }
    }

    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    private final RoundTrip roundTrip;
    private final Leases leases;
    private final LongAdder requests = new LongAdder();
    private final LongAdder roundTrips = new LongAdder();

    Coalescer(RoundTrip roundTrip, Leases leases) {
        this.roundTrip = roundTrip;
        this.leases = leases;
    }

    /**
     * Takes one token for a request, alone or with the requests queued beside it.
     *
     * @throws ExecutionException the round trip failed (its cause)
     * @throws TimeoutException   no answer within {@code timeoutNanos}
     */
    Share take(String key, RateLimit limit, long timeoutNanos)
            throws ExecutionException, TimeoutException, InterruptedException {
        requests.increment();
        Share leased = leases.tryTake(key, this::topUp);
        if (leased != null) {
            return leased;
        }
        CompletableFuture<Share> share = new CompletableFuture<>();
        Lane lane;
        boolean idle;
        while (true) {
            Lane found = lanes.get(key);
            lane = found != null ? found : new Lane(key, limit);
            if (found == null && lanes.putIfAbsent(key, lane) == null) {
                idle = true; // a new lane: this request goes at once, alone
                break;
            }
            if (found == null) {
                continue; // another request made the lane first
            }
            synchronized (lane) {
                if (lane.retired) {
                    continue; // its round trip has just ended with nobody queued: a fresh lane
                }
                lane.queued.add(share);
                idle = false;
                break;
            }
        }
        if (idle) {
            send(lane, List.of(share), -1);
        }
        try {
            return share.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            synchronized (lane) {
                lane.queued.remove(share);
            }
            throw e;
        }
    }

    /**
     * Sends the batch, and each batch queued meanwhile, until the lane has nobody left. The first round trip asks
     * for {@code firstExtra} tokens in advance (a top-up, or 0 to give an expired lease back) or, when negative, as
     * many as {@link Leases#wanted} says; every round trip gives back what is left of the bucket's lease if it has
     * expired. All round trips for a bucket go through its lane, one at a time, so Redis always learns of the
     * node's tokens in the order they were taken or returned.
     */
    private void send(Lane lane, List<CompletableFuture<Share>> batch, long firstExtra) {
        List<CompletableFuture<Share>> next = batch;
        long advance = firstExtra;
        while (next != null) {
            CompletableFuture<Take> answer;
            try {
                long extra = advance >= 0 ? advance : leases.wanted(lane.key, lane.limit, next.size());
                long returned = leases.reclaim(lane.key);
                if (next.isEmpty() && extra == 0 && returned == 0) {
                    next = nextBatch(lane); // nothing to ask or give back after all
                    advance = -1;
                    continue;
                }
                roundTrips.increment();
                answer = roundTrip.take(lane.key, lane.limit, next.size(), extra, returned).toCompletableFuture();
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            advance = -1;
            if (!answer.isDone()) {
                List<CompletableFuture<Share>> sent = next;
                CompletableFuture<Take> pending = answer;
                pending.whenComplete((take, failure) -> {
                    handOut(lane, sent, pending);
                    send(lane, nextBatch(lane), -1);
                });
                return;
            }
            handOut(lane, next, answer);
            next = nextBatch(lane);
        }
    }

    /**
     * The requests queued while the last round trip was in flight, less those it brought leased tokens for; null
     * (and the lane retired) if none is left.
     */
    private List<CompletableFuture<Share>> nextBatch(Lane lane) {
        synchronized (lane) {
            List<CompletableFuture<Share>> batch = new ArrayList<>(lane.queued.size());
            for (CompletableFuture<Share> share : lane.queued) {
                Share leased = leases.tryTake(lane.key, this::topUp);
                if (leased != null) {
                    share.complete(leased);
                } else {
                    batch.add(share);
                }
            }
            lane.queued.clear();
            if (batch.isEmpty()) {
                lane.retired = true;
                lanes.remove(lane.key, lane);
                return null;
            }
            return batch;
        }
    }

    /** Grants go to the batch's requests in arrival order, advance tokens to a lease; a failure to each request. */
    private void handOut(Lane lane, List<CompletableFuture<Share>> batch, CompletableFuture<Take> answer) {
        Take take;
        try {
            take = answer.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            batch.forEach(share -> share.completeExceptionally(cause));
            return;
        }
        if (take.extra() > 0) {
            leases.granted(lane.key, lane.limit, take.extra(), take.remaining());
        }
        // what one-at-a-time takes would have left after the batch: Redis' tokens and those the node holds
        long ahead = take.remaining() + leases.held(lane.key);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(i < take.granted()
                    ? new Share(true, ahead + take.granted() - 1 - i, 0)
                    : new Share(false, take.remaining(), take.waitMicros()));
        }
    }

    /**
     * Fetches the next lease of a busy bucket in the background (its requests go on with the current one); skipped
     * when a round trip for the bucket is in flight (it asks for tokens in advance itself).
     */
    private void topUp(Leases.Lease lease) {
        Lane lane = new Lane(lease.key, lease.limit);
        if (lanes.putIfAbsent(lease.key, lane) == null) {
            send(lane, List.of(), Leases.topUp(lease));
        }
    }

    /**
     * Gives the unused tokens of expired leases back to their buckets, without waiting for the answers (a bucket
     * with a round trip in flight gets them with its next one); when {@code all} (the limiter closes), of every
     * lease at once. A lost give-back only leaves the bucket emptier than it should be, never fuller.
     */
    void giveBack(boolean all) {
        if (!all) {
            for (Leases.Lease lease : leases.expiredLeases()) {
                Lane lane = new Lane(lease.key, lease.limit);
                if (lanes.putIfAbsent(lease.key, lane) == null) {
                    send(lane, List.of(), 0);
                }
            }
            return;
        }
        for (Leases.Unused unused : leases.all()) {
            roundTrips.increment();
            try {
                roundTrip.take(unused.key(), unused.limit(), 0, 0, unused.tokens());
            } catch (RuntimeException e) {
                // Redis is away: the tokens come back with the bucket's refill
            }
        }
    }

    /** Requests decided from leased tokens, without a round trip, so far. */
    long leased() {
        return leases.served();
    }

    /** Requests that asked for a token so far. */
    long requests() {
        return requests.sum();
    }

    /** Round trips sent so far (at most {@link #requests()}). */
    long roundTrips() {
        return roundTrips.sum();
    }

    /** Requests queued behind a round trip of their bucket (for tests). */
    int queued() {
        int n = 0;
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                n += lane.queued.size();
            }
        }
        return n;
    }
}
