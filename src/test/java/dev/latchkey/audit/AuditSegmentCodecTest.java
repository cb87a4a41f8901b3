package dev.latchkey.audit;

import dev.latchkey.support.Json;
import dev.latchkey.support.Xid;
import dev.latchkey.testing.TestClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The segment body: every list of events decodes to what was written (times to the microsecond, numbers as
 * JSON reads them), the security events decode exactly as their JSON document would, the repeated strings
 * are stored once, and a damaged body is refused with {@link IllegalArgumentException}, never anything else.
 */
class AuditSegmentCodecTest {

    @Property(tries = 100)
    void anyEventsRoundTrip(@ForAll("events") List<AuditEvent> events) {
        List<AuditEvent> decoded = AuditSegmentCodec.decode(AuditSegmentCodec.encode(events));
        assertThat(decoded).isEqualTo(events.stream().map(AuditSegmentCodecTest::asStored).toList());
    }

    @Property(tries = 50)
    void aDamagedBodyIsRefusedWithIllegalArgument(@ForAll("events") List<AuditEvent> events,
                                                  @ForAll("cuts") int cut) {
        byte[] body = AuditSegmentCodec.encode(events);
        byte[] truncated = Arrays.copyOf(body, Math.min(cut, body.length - 1));
        assertThatThrownBy(() -> AuditSegmentCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        byte[] longer = Arrays.copyOf(body, body.length + 1);
        assertThatThrownBy(() -> AuditSegmentCodec.decode(longer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void securityEventsDecodeAsTheirJsonDocumentReads() {
        List<AuditEvent> events = new ArrayList<>();
        TestClock clock = new TestClock();
        SecurityEvents security = securityEvents(events, clock);
        SecurityEvents.Origin origin = new SecurityEvents.Origin("203.0.113.7", "curl/8.5 é \uD83D\uDE00");
        for (int i = 0; i < 50; i++) {
            clock.advance(java.time.Duration.ofNanos(123_456_789));
            security.tokenIssued(origin, "default", "ws", "client-" + (i % 3), "client-" + (i % 3),
                    "client_credentials", List.of("read", "write"));
        }
        security.clientAuthenticationFailed(origin, "default", "ws", null, "/oauth2/token", "invalid_client", null);
        security.loginFailed(origin, "default", "ws", "web", "alice", "idp-1", "invalid_credentials");
        security.loginSucceeded(origin, "default", "ws", "web", "alice", "idp-1", List.of("pwd"));
        security.tokenRevoked(origin, "default", "ws", "caller", "owner", "alice", "refresh_token");
        security.rateLimited(origin, "default", null, "admin", "/api/admin/default/tenant");

        byte[] body = AuditSegmentCodec.encode(events);
        List<AuditEvent> decoded = AuditSegmentCodec.decode(body);
        assertThat(decoded).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            AuditEvent viaJson = Json.read(Json.write(asStored(events.get(i))), AuditEvent.class);
            assertThat(decoded.get(i)).isEqualTo(viaJson);
            assertThat(Json.write(decoded.get(i))).isEqualTo(Json.write(viaJson));
        }
        // the repeated strings are stored once: the 20-character id and a few dozen bytes per event, where the
        // event's JSON document is about 400
        assertThat(body.length).isLessThan(events.size() * 70);
        assertThat(AuditSegmentCodec.strings(body)).contains("client-0", "client_credentials", "203.0.113.7")
                .doesNotContain(events.get(0).id());
    }

    @Test
    void tokenEventsAreDeflatedToAFewBytesEach() {
        List<AuditEvent> events = new ArrayList<>();
        TestClock clock = new TestClock();
        SecurityEvents security = securityEvents(events, clock);
        for (int i = 0; i < 500; i++) {
            clock.advance(java.time.Duration.ofNanos(76_543));
            security.tokenIssued(new SecurityEvents.Origin("203.0.113.7", "wrk"), "default", "bench", "app", "app",
                    "client_credentials", List.of());
        }
        byte[] body = AuditSegmentCodec.encode(events);
        assertThat(body[0]).isEqualTo((byte) 3);
        assertThat(body.length).isLessThan(events.size() * 4);
        assertThat(AuditSegmentCodec.decode(body)).isEqualTo(events.stream().map(AuditSegmentCodecTest::asStored).toList());
    }

    /** A body the version 2 encoder wrote (build 9c3c0ac): two xids, a plain id, events not in time order. */
    private static final String VERSION_2 = "Ao8CeAFtjDtSwzAURZGFrGCbAIYFsIFoLDv8VpN5ll6CJkI2kkygo6VkGelYAQ1bgDWwCgZcwgzVvcU5p+Q"
            + "alzDYyFp06ppC36cmhAF1AUphCIvYrdHlddWISkjZiAu68ets5cHFRXzosVTW4PiVRz2uARvoBlsG1ihMl2Asama7lXGFvLoUZ1LIaixxNXh7"
            + "+rZl6H3nj427GwX9u0Icfdx+fXy+v6Qnem5v61Dhedv4+Y2Eum3UDkko3WU05ZxMyN5/jH6d/IUy18UZuNm90d/PT4QkWV7s59MDnhySozKZ"
            + "/gC9ok8H";

    @Test
    void bodiesOfVersions1And2AreStillRead() throws Exception {
        List<AuditEvent> expected = List.of(
                new AuditEvent("d4lq2s0e6b3r4m1a2b3c", "default", "bench", "app", "app", "issued", "access_token", "app",
                        "203.0.113.7", "wrk", Map.of("grant_type", "client_credentials"),
                        Instant.parse("2026-11-28T10:00:00.123456Z")),
                new AuditEvent("d4lq2s0e6b3r4m1a2b3d", "default", "bench", "app", "app", "issued", "access_token", "app",
                        "203.0.113.7", "wrk", Map.of("grant_type", "client_credentials"),
                        Instant.parse("2026-11-28T10:00:00.123999Z")),
                new AuditEvent("not-an-xid", "default", "bench", "web", "alice", "failed", "login", "alice",
                        "198.51.100.1", "curl é", Map.of("error", "invalid_credentials", "n", 7),
                        Instant.parse("2026-11-28T09:59:59Z")));
        byte[] version2 = java.util.Base64.getDecoder().decode(VERSION_2);
        assertThat(AuditSegmentCodec.decode(version2)).isEqualTo(expected);
        assertThat(AuditSegmentCodec.decode(AuditSegmentCodec.encode(expected))).isEqualTo(expected);

        // version 1: the raw form, not deflated (the bodies written before 2026-11-28)
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        int lengthBytes = 1;
        while ((version2[lengthBytes] & 0x80) != 0) {
            lengthBytes++;
        }
        inflater.setInput(version2, 1 + lengthBytes, version2.length - 1 - lengthBytes);
        byte[] raw = new byte[100_000];
        int n = inflater.inflate(raw);
        assertThat(inflater.finished()).isTrue();
        inflater.end();
        byte[] version1 = new byte[n + 1];
        version1[0] = 1;
        System.arraycopy(raw, 0, version1, 1, n);
        assertThat(AuditSegmentCodec.decode(version1)).isEqualTo(expected);
        assertThat(AuditSegmentCodec.strings(version1)).isEqualTo(AuditSegmentCodec.strings(version2))
                .contains("app", "bench", "client_credentials").doesNotContain("not-an-xid");
        byte[] longer = Arrays.copyOf(version1, version1.length + 1);
        assertThatThrownBy(() -> AuditSegmentCodec.decode(longer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 100)
    void aSegmentsRangesAreItsEventsExtremes(@ForAll("events") List<AuditEvent> events) {
        AuditSegmentEncoder.Segment segment = AuditSegmentEncoder.encode(events);
        List<String> ids = events.stream().map(AuditEvent::id).sorted().toList();
        List<Long> times = events.stream().map(e -> AuditSegmentCodec.micros(e.createdAt())).sorted().toList();
        assertThat(segment.count()).isEqualTo(events.size());
        assertThat(segment.firstId()).isEqualTo(ids.getFirst());
        assertThat(segment.lastId()).isEqualTo(ids.getLast());
        assertThat(segment.firstMicros()).isEqualTo(times.getFirst());
        assertThat(segment.lastMicros()).isEqualTo(times.getLast());
    }

    @Property(tries = 100)
    void detailsAreTheMapTheirPairsMake(@ForAll("pairs") Map<String, Object> pairs) {
        List<Object> flat = new ArrayList<>();
        pairs.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
        });
        Map<String, Object> details = Details.of(flat.toArray());
        assertThat(details).isEqualTo(pairs).hasSameHashCodeAs(pairs);
        assertThat(new ArrayList<>(details.entrySet())).isEqualTo(new ArrayList<>(pairs.entrySet()));
        pairs.keySet().forEach(k -> assertThat(details.get(k)).isEqualTo(pairs.get(k)));
        assertThat(details.containsKey("\u0000absent")).isEqualTo(pairs.containsKey("\u0000absent"));
        assertThat(Json.write(details)).isEqualTo(Json.write(pairs));
    }

    @Provide
    Arbitrary<Map<String, Object>> pairs() {
        return Arbitraries.maps(text(), value(1)).ofMaxSize(6).map(LinkedHashMap::new);
    }

    private static SecurityEvents securityEvents(List<AuditEvent> into, TestClock clock) {
        return new SecurityEvents(into::add, clock, new Xid(clock, new java.security.SecureRandom()));
    }

    /** What the databases keep: microseconds; numbers as JSON reads them back (an int if it fits). */
    @SuppressWarnings("unchecked")
    static AuditEvent asStored(AuditEvent e) {
        return new AuditEvent(e.id(), e.tenantId(), e.workspaceId(), e.actorClientId(), e.actorSubject(), e.action(),
                e.objectType(), e.objectId(), e.ip(), e.userAgent(), (Map<String, Object>) normalize(e.details()),
                e.createdAt().truncatedTo(ChronoUnit.MICROS));
    }

    @SuppressWarnings("unchecked")
    private static Object normalize(Object value) {
        if (value instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(AuditSegmentCodecTest::normalize).toList());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, normalize(v)));
            return copy;
        }
        return value;
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<List<AuditEvent>> events() {
        return event().list().ofMinSize(1).ofMaxSize(12);
    }

    /** Any text, any xid, or xids of one machine and process (written as differences from the previous one). */
    private static Arbitrary<String> id() {
        Arbitrary<String> anyXid = Arbitraries.bytes().array(byte[].class).ofSize(12).map(Xid::spell);
        Arbitrary<String> oneProcess = Combinators.combine(Arbitraries.of(0L, 1L, 2L, 0xFFFFFFFFL),
                Arbitraries.integers().between(0, 0xFFFFFF)).as((s, c) -> Xid.spell(new byte[] {
                        (byte) (s >>> 24), (byte) (s >>> 16), (byte) (s >>> 8), (byte) (long) s, 1, 2, 3, 4, 5,
                        (byte) (c >>> 16), (byte) (c >>> 8), (byte) (int) c}));
        return Arbitraries.oneOf(text(), anyXid, oneProcess, oneProcess);
    }

    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.of("default", "ws", "client", "issued", "access_token", ""),
                Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().all().ofMaxLength(260));
    }

    private static Arbitrary<String> nullable() {
        return text().injectNull(0.2);
    }

    private static Arbitrary<Object> value(int depth) {
        List<Arbitrary<?>> leaves = List.of(text(), Arbitraries.longs(), Arbitraries.integers(),
                Arbitraries.doubles(), Arbitraries.of(true, false), Arbitraries.just(null));
        if (depth == 0) {
            return Arbitraries.oneOf(leaves).map(v -> (Object) v);
        }
        List<Arbitrary<?>> all = new ArrayList<>(leaves);
        all.add(value(depth - 1).list().ofMaxSize(4));
        all.add(Arbitraries.maps(text(), value(depth - 1)).ofMaxSize(4).map(LinkedHashMap::new));
        return Arbitraries.oneOf(all).map(v -> (Object) v);
    }

    private static Arbitrary<AuditEvent> event() {
        Arbitrary<Instant> at = Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        Arbitrary<Map<String, Object>> details = Arbitraries.maps(text(), value(1)).ofMaxSize(5)
                .map(m -> (Map<String, Object>) new LinkedHashMap<>(m)).injectNull(0.1);
        return Combinators.combine(List.of(text(), nullable(), nullable(), nullable(), nullable(), nullable(),
                        nullable(), nullable(), nullable(), nullable()))
                .as(s -> s).flatMap(s -> Combinators.combine(details, at, id()).as((d, t, id) -> new AuditEvent(id, s.get(1),
                        s.get(2), s.get(3), s.get(4), s.get(5), s.get(6), s.get(7), s.get(8), s.get(9), d, t)));
    }
}
