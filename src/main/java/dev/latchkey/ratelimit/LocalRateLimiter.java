package dev.latchkey.ratelimit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * In-memory token buckets, one per (tenant, group); a changed limit starts a fresh bucket. A bucket is one
 * {@code long} updated by compare-and-set: the generic cell rate algorithm (GCRA), i.e. the token bucket kept as
 * the time at which it will be full again ({@code full}). A request at {@code now} passes when
 * {@code max(full, now) + interval - now <= burst * interval}, and moves {@code full} on by one interval
 * ({@code interval = period / rate}, rounded up to the nanosecond, so the refill never exceeds the configured
 * rate); tokens left = {@code (burst * interval - (full - now)) / interval}. It replaced Bucket4j here (issue 4,
 * measured in docs/performance.md): Bucket4j's lock-free bucket copies its state into a new object on every
 * request, so each request moved several freshly written cache lines between the cores and allocated; this
 * moves one. The shared Redis buckets keep their own script ({@link RedisRateLimiter}).
 *
 * <p>A tenant's buckets sit in one slot array indexed by group, so a request costs one hash look-up by tenant
 * id and one compare-and-set in its bucket: no cache bookkeeping and no hand-off to another thread on the
 * request path. Bounded: a tenant unused for {@link #IDLE} is dropped by a sweep that runs at most once a
 * minute, on whichever request finds it due; and at most {@link #maxTenants} tenants get buckets of their own.
 * Past that (someone cycling through made-up tenant ids), requests of tenants without buckets share one
 * overflow set of buckets, so the flood throttles itself and the buckets of the tenants already known are
 * kept. Time comes from the injected clock. Thread-safe: a slot is set by compare-and-set, so requests that
 * race to start a bucket all spend from the one that won.
 */
public final class LocalRateLimiter implements RateLimiter {

    static final Duration IDLE = Duration.ofMinutes(10);
    private static final long SWEEP_EVERY_MILLIS = 60_000;
    private static final int GROUPS = ApiGroup.values().length;
    private static final long SECOND = 1_000_000_000L;
    /** The largest bucket in nanoseconds of refill (~36 years): every sum below stays far from overflow. */
    private static final long MAX_CAPACITY = Long.MAX_VALUE / 8;

    /** One bucket: its limit and the time (ns since the epoch) at which it is full again. */
    static final class Slot {
        private static final VarHandle FULL;

        static {
            try {
                FULL = MethodHandles.lookup().findVarHandle(Slot.class, "full", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final RateLimit limit;
        final long interval;
        final long capacity;
        @SuppressWarnings("unused") // through FULL
        private volatile long full = Long.MIN_VALUE / 2;

        Slot(RateLimit limit) {
            this.limit = limit;
            long period = limit.period().toNanos();
            this.interval = Math.max(1, period / limit.rate() + (period % limit.rate() == 0 ? 0 : 1));
            long capacity = limit.burst() * interval;
            boolean overflows = Math.multiplyHigh(limit.burst(), interval) != 0 || capacity < 0;
            this.capacity = overflows ? MAX_CAPACITY : Math.min(capacity, MAX_CAPACITY);
        }

        /**
         * Spends one token at {@code now}. Before refusing it reads the clock again: a request whose thread lost
         * its core between reading the time and getting here would otherwise be judged at its stale time
         * against a bucket that later requests have already moved on (with a deep but fast bucket, e.g. burst
         * 500 at 60 ns a token, 30 us of delay are enough to be refused).
         */
        RateLimitDecision take(long now, Clock clock) {
            while (true) {
                long before = full;
                long next = Math.max(before, now) + interval;
                long owed = next - now;
                if (owed > capacity) {
                    long later = nanos(clock.instant());
                    if (later > now) {
                        now = later;
                        continue;
                    }
                    return new RateLimitDecision(false, limit.burst(), 0, ceilSeconds(before - now),
                            Math.max(1, ceilSeconds(owed - capacity)));
                }
                if (FULL.compareAndSet(this, before, next)) {
                    return new RateLimitDecision(true, limit.burst(), (capacity - owed) / interval,
                            ceilSeconds(owed), 0);
                }
            }
        }

        private static long ceilSeconds(long nanos) {
            return nanos <= 0 ? 0 : (nanos - 1) / SECOND + 1;
        }
    }

    /** One tenant's buckets, by group, and when they were last used (ms, at second precision). */
    private static final class Buckets {
        final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(GROUPS);
        volatile long lastUsed;

        Buckets(long now) {
            this.lastUsed = now;
        }

        void touch(long now) {
            if (now - lastUsed >= 1_000) { // one write a second at most: requests mostly only read it
                lastUsed = now;
            }
        }
    }

    private final ConcurrentHashMap<String, Buckets> tenants = new ConcurrentHashMap<>();
    private final Buckets overflow;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final int maxTenants;
    private final Clock clock;
    private volatile long nextSweep;

    public LocalRateLimiter(Clock clock) {
        this(clock, 100_000);
    }

    LocalRateLimiter(Clock clock, int maxTenants) {
        this.clock = clock;
        this.maxTenants = maxTenants;
        this.overflow = new Buckets(clock.millis());
        this.nextSweep = clock.millis() + SWEEP_EVERY_MILLIS;
    }

    @Override
    public RateLimitDecision tryAcquire(String tenantId, ApiGroup group, RateLimit limit) {
        Instant instant = clock.instant();
        long nanos = nanos(instant);
        Buckets buckets = bucketsOf(tenantId, instant.toEpochMilli());
        int index = group.ordinal();
        Slot slot = buckets.slots.get(index);
        if (slot == null || (slot.limit != limit && !slot.limit.equals(limit))) {
            Slot fresh = new Slot(limit);
            slot = buckets.slots.compareAndSet(index, slot, fresh) ? fresh : buckets.slots.get(index);
        }
        return slot.take(nanos, clock);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * SECOND + instant.getNano();
    }

    /** How many tenants have buckets of their own (the overflow set not counted). */
    int tenantCount() {
        return tenants.size();
    }

    private Buckets bucketsOf(String tenantId, long now) {
        if (now >= nextSweep) {
            sweep(now);
        }
        Buckets buckets = tenants.get(tenantId);
        if (buckets == null) {
            if (tenants.size() >= maxTenants) {
                buckets = overflow;
            } else {
                buckets = tenants.computeIfAbsent(tenantId, k -> new Buckets(now));
            }
        }
        buckets.touch(now);
        return buckets;
    }

    private void sweep(long now) {
        if (!sweeping.compareAndSet(false, true)) {
            return; // another request sweeps
        }
        try {
            nextSweep = now + SWEEP_EVERY_MILLIS;
            long idleSince = now - IDLE.toMillis();
            tenants.values().removeIf(b -> b.lastUsed < idleSince);
        } finally {
            sweeping.set(false);
        }
    }
}
