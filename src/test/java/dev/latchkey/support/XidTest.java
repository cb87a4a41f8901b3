package dev.latchkey.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class XidTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static Xid xid(Instant at, SecureRandom random) {
        return new Xid(Clock.fixed(at, ZoneOffset.UTC), random);
    }

    @net.jqwik.api.Property(tries = 200)
    void parseReadsBackTheBytesSpellWrote(@net.jqwik.api.ForAll @net.jqwik.api.constraints.Size(12) byte[] id) {
        String spelled = Xid.spell(id);
        byte[] read = new byte[12];
        assertThat(Xid.parse(spelled, read)).isTrue();
        assertThat(read).isEqualTo(id);
        assertThat(Xid.isValid(spelled)).isTrue();
    }

    @Test
    void parseRefusesWhatSpellDoesNotWrite() {
        byte[] into = new byte[12];
        String good = "9m4e2mr0ui3e8a215n4g";
        assertThat(Xid.parse(good, into)).isTrue();
        for (String bad : new String[] {null, "", good.substring(1), good + "0", good.toUpperCase(),
                "9m4e2mr0ui3e8a215n4w", "9m4e2mr0ui3e8a215n4h", "9m4e2mr0ui3e8a2-5n4g"}) {
            assertThat(Xid.parse(bad, into)).as(bad).isFalse(); // w: outside the alphabet; h: padding bits set
        }
    }

    @Test
    void bytesAreThoseOfTheSpelledId() {
        Xid ids = xid(T0, new SecureRandom());
        long reserved = ids.reserve();
        byte[] bytes = new byte[12];
        ids.bytes(reserved, bytes);
        assertThat(Xid.spell(bytes)).isEqualTo(ids.id(reserved));
    }

    @Test
    void encodesRsXidTestVector() {
        byte[] id = {0x4d, (byte) 0x88, (byte) 0xe1, 0x5b, 0x60, (byte) 0xf4, (byte) 0x86, (byte) 0xe4, 0x28, 0x41,
            0x2d, (byte) 0xc9};
        assertThat(Xid.spell(id)).isEqualTo("9m4e2mr0ui3e8a215n4g");
    }

    @Test
    void idsAreTwentyBase32HexCharacters() {
        Xid generator = new Xid(Clock.systemUTC(), new SecureRandom());
        for (int i = 0; i < 1000; i++) {
            String id = generator.next();
            assertThat(id).hasSize(20).matches("[0-9a-v]{20}");
            assertThat(Xid.isValid(id)).isTrue();
        }
    }

    @Test
    void aReservedIdIsSpelledAsNextWouldHaveGivenIt() throws Exception {
        Xid spelled = xid(T0, seeded());
        Xid reserved = xid(T0, seeded());
        List<Long> taken = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            taken.add(reserved.reserve());
        }
        for (long r : taken) {
            String id = reserved.id(r);
            assertThat(id).isEqualTo(spelled.next()).isEqualTo(reserved.id(r));
        }
        assertThat(reserved.id(reserved.reserve())).isEqualTo(spelled.next()); // one counter for both ways
        assertThat(reserved.id(reserved.reserve(T0.getEpochSecond()))).isEqualTo(spelled.next()); // the caller's clock read
        assertThat(reserved.next()).isEqualTo(spelled.next());
    }

    private static SecureRandom seeded() throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(42);
        return random;
    }

    @Test
    void validatesShape() {
        assertThat(Xid.isValid("9m4e2mr0ui3e8a215n4g")).isTrue();
        assertThat(Xid.isValid(null)).isFalse();
        assertThat(Xid.isValid("")).isFalse();
        assertThat(Xid.isValid("9m4e2mr0ui3e8a215n4")).isFalse();
        assertThat(Xid.isValid("9m4e2mr0ui3e8a215n4g0")).isFalse();
        assertThat(Xid.isValid("9M4E2MR0UI3E8A215N4G")).isFalse();
        assertThat(Xid.isValid("9m4e2mr0ui3e8a215n4w")).isFalse();
        assertThat(Xid.isValid("9m4e2mr0ui3e8a215n4-")).isFalse();
    }

    @Test
    void idsAreUniqueAcrossThreads() throws Exception {
        Xid generator = new Xid(Clock.systemUTC(), new SecureRandom());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25_000; i++) {
                        seen.add(generator.next());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void idsSortByTime() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 100; i++) {
            String earlier = xid(T0, random).next();
            String later = xid(T0.plusSeconds(1), random).next();
            assertThat(later).isGreaterThan(earlier);
        }
    }

    @Test
    void layoutIsTimeMachinePidCounter() {
        Xid generator = xid(T0, new SecureRandom());
        String a = generator.next();
        String b = generator.next();
        // same second, machine and pid: the first 15 characters (75 bits) cover time, machine id and pid
        assertThat(b.substring(0, 15)).isEqualTo(a.substring(0, 15));
        assertThat(b).isNotEqualTo(a);
        // the timestamp prefix encodes T0's Unix seconds
        long seconds = T0.getEpochSecond();
        byte[] expected = {(byte) (seconds >>> 24), (byte) (seconds >>> 16), (byte) (seconds >>> 8), (byte) seconds,
            0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(a.substring(0, 6)).isEqualTo(Xid.spell(expected).substring(0, 6));
    }
}
