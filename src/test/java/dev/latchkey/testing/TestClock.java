package dev.latchkey.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move forward by hand; starts at the real time. Thread-safe. */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view of this clock in another zone: it moves when this one is advanced. */
    @Override
    public Clock withZone(ZoneId zone) {
        TestClock base = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return base.withZone(other);
            }

            @Override
            public Instant instant() {
                return base.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
