package dev.latchkey.audit;

import dev.latchkey.audit.SegmentBuffers.Out;
import dev.latchkey.support.Json;
import dev.latchkey.support.Xid;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.Deflater;

/**
 * Writes one segment body in the current version of {@link AuditSegmentCodec}'s format, and finds the range of
 * its events' times and ids for the segment's row. An xid is written as the difference from the previous event's
 * (its second and counter: ~3 bytes instead of 20 characters), a time as the difference from the previous event's,
 * and a string already in the dictionary as its reference. A {@link TokenIssued} capture, nearly every event under
 * load, is written as it is, without making its event: the same bytes its {@link TokenIssued#event event} would give
 * (its details copied from the previous capture's when they are equal), so no id is spelled, no details or list of
 * scopes made. One encoder per body; not thread-safe.
 */
final class AuditSegmentEncoder {

    /** A body, its number of events, the range of their times (µs since the epoch) and of their ids. */
    record Segment(byte[] body, int count, long firstMicros, long lastMicros, String firstId, String lastId) {
    }

    /**
     * One compressor per thread (in practice the audit writer's), reset after each body: zlib's ~270 KB of
     * native state is not allocated and freed per segment (malloc churn that showed as resident memory).
     */
    private static final ThreadLocal<Deflater> DEFLATERS =
            ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED));
    private static final int FIELDS = 9;

    private final Out strings = new Out(256);
    private final Out body;
    private final Map<String, Integer> refs = new HashMap<>();
    private final String[] last = new String[FIELDS]; // each field's string in the previous event, and its reference
    private final int[] lastRefs = new int[FIELDS];
    private final byte[] xid = new byte[12];
    private final byte[] previousXid = new byte[12];
    private final byte[] minXid = new byte[12];
    private final byte[] maxXid = new byte[12];
    private boolean anyXid;
    private String minOther;
    private String maxOther;
    private long previousMicros;
    private long firstMicros = Long.MAX_VALUE;
    private long lastMicros = Long.MIN_VALUE;
    private TokenIssued previousToken; // the last token capture written, and where its details' bytes are
    private int tokenDetailsStart;
    private int tokenDetailsEnd;

    private AuditSegmentEncoder(int events) {
        body = new Out(32 * events + 16);
    }

    /** The events (at least one) as one segment. */
    static Segment encode(List<? extends PendingEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a segment holds at least one event");
        }
        AuditSegmentEncoder encoder = new AuditSegmentEncoder(events.size());
        encoder.body.varint(events.size());
        for (PendingEvent p : events) {
            if (p instanceof TokenIssued token) {
                encoder.token(token);
            } else {
                encoder.event(p.event());
            }
        }
        return encoder.finish(events.size());
    }

    private void event(AuditEvent e) {
        if (Xid.parse(e.id(), xid)) {
            xid();
        } else {
            body.write(0);
            body.string(e.id());
            minOther = minOther == null || e.id().compareTo(minOther) < 0 ? e.id() : minOther;
            maxOther = maxOther == null || e.id().compareTo(maxOther) > 0 ? e.id() : maxOther;
        }
        time(AuditSegmentCodec.micros(e.createdAt()));
        field(0, e.tenantId());
        field(1, e.workspaceId());
        field(2, e.actorClientId());
        field(3, e.actorSubject());
        field(4, e.action());
        field(5, e.objectType());
        field(6, e.objectId());
        field(7, e.ip());
        field(8, e.userAgent());
        value(e.details());
    }

    /** As {@code event(token.event())} writes it (SecurityEvents.tokenIssuedEvent), without the event. */
    private void token(TokenIssued token) {
        token.ids().bytes(token.id(), xid);
        xid();
        time(token.micros());
        String client = SecurityEvents.cut(token.clientId());
        field(0, token.tenantId());
        field(1, token.workspaceId());
        field(2, client);
        field(3, SecurityEvents.cut(token.subject()));
        field(4, "issued");
        field(5, "access_token");
        field(6, client);
        field(7, token.ip());
        field(8, token.userAgent());
        TokenIssued previous = previousToken;
        if (previous != null && Objects.equals(previous.grantType(), token.grantType())
                && Objects.equals(previous.clientId(), token.clientId())
                && Objects.equals(previous.subject(), token.subject()) && Objects.equals(previous.scope(), token.scope())) {
            int n = tokenDetailsEnd - tokenDetailsStart;
            body.room(n);
            System.arraycopy(body.buf, tokenDetailsStart, body.buf, body.size, n);
            tokenDetailsStart = body.size;
            body.size += n;
            tokenDetailsEnd = body.size;
            return;
        }
        tokenDetailsStart = body.size;
        body.write(7); // Details.of("grant_type", cut(grantType), "client_id", clientId, "subject", subject, "scopes", [...])
        body.varint(4);
        ref("grant_type");
        stringValue(SecurityEvents.cut(token.grantType()));
        ref("client_id");
        stringValue(token.clientId());
        ref("subject");
        stringValue(token.subject());
        ref("scopes");
        scopes(token.scope());
        tokenDetailsEnd = body.size;
        previousToken = token;
    }

    /** The list {@code List.of(scope.split(" "))} (none when null or empty), without the list. */
    private void scopes(String scope) {
        int end = scope == null ? 0 : scope.length();
        while (end > 0 && scope.charAt(end - 1) == ' ') { // split drops the trailing empty strings
            end--;
        }
        int n = end == 0 ? 0 : 1;
        for (int i = 0; i < end; i++) {
            n += scope.charAt(i) == ' ' ? 1 : 0;
        }
        body.write(6);
        body.varint(n);
        int from = 0;
        for (int i = 0; i < n; i++) {
            int space = scope.indexOf(' ', from);
            int to = space < 0 || space > end ? end : space;
            stringValue(from == 0 && to == scope.length() ? scope : scope.substring(from, to));
            from = to + 1;
        }
    }

    /** The xid in {@link #xid}: as the difference from the previous one when it has the same machine and process. */
    private void xid() {
        if (anyXid && Arrays.equals(xid, 4, 9, previousXid, 4, 9)) {
            body.write(2);
            body.varlong(AuditSegmentCodec.zigzag(Xid.seconds(xid) - Xid.seconds(previousXid)));
            body.varlong(AuditSegmentCodec.zigzag(((Xid.counter(xid) - Xid.counter(previousXid)) << 8) >> 8));
        } else {
            body.write(1);
            body.bytes(xid, 12);
        }
        System.arraycopy(xid, 0, previousXid, 0, 12);
        if (!anyXid || Arrays.compareUnsigned(xid, minXid) < 0) {
            System.arraycopy(xid, 0, minXid, 0, 12);
        }
        if (!anyXid || Arrays.compareUnsigned(xid, maxXid) > 0) {
            System.arraycopy(xid, 0, maxXid, 0, 12);
        }
        anyXid = true;
    }

    private void time(long micros) {
        body.varlong(AuditSegmentCodec.zigzag(micros - previousMicros));
        previousMicros = micros;
        firstMicros = Math.min(firstMicros, micros);
        lastMicros = Math.max(lastMicros, micros);
    }

    /**
     * Field {@code i} of an event: when it is the very string (the same object, as it mostly is: the tenant,
     * workspace, client, action ...) or an equal one of the previous event's field, its reference without a
     * dictionary lookup.
     */
    private void field(int i, String s) {
        if (s != null && (s == last[i] || s.equals(last[i]))) { // equal: e.g. a user agent, a new string per request
            body.varint(lastRefs[i]);
            return;
        }
        last[i] = s;
        lastRefs[i] = ref(s);
    }

    /** Writes the reference of {@code s} (adding it to the dictionary if new) and returns it. */
    private int ref(String s) {
        if (s == null) {
            body.write(0);
            return 0;
        }
        Integer ref = refs.get(s);
        if (ref == null) {
            ref = refs.size();
            refs.put(s, ref);
            strings.string(s);
        }
        body.varint(ref + 1);
        return ref + 1;
    }

    private void stringValue(String s) {
        if (s == null) {
            body.write(0);
        } else {
            body.write(1);
            ref(s);
        }
    }

    private void value(Object value) {
        switch (value) {
            case null -> body.write(0);
            case String s -> stringValue(s);
            case Long l -> integral(l);
            case Integer i -> integral(i);
            case Short s -> integral(s);
            case Byte b -> integral(b);
            case Double d -> {
                body.write(3);
                body.longBytes(Double.doubleToRawLongBits(d));
            }
            case Boolean b -> body.write(b ? 4 : 5);
            case List<?> list -> {
                body.write(6);
                body.varint(list.size());
                for (Object item : list) {
                    value(item);
                }
            }
            case Details details -> {
                body.write(7);
                body.varint(details.size());
                for (int i = 0; i < details.size(); i++) {
                    ref(details.key(i));
                    value(details.value(i));
                }
            }
            case Map<?, ?> map -> {
                body.write(7);
                body.varint(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("audit event details have a key that is not a string");
                    }
                    ref(key);
                    value(entry.getValue());
                }
            }
            default -> {
                body.write(8);
                body.string(Json.write(value));
            }
        }
    }

    private void integral(long value) {
        body.write(2);
        body.varlong(AuditSegmentCodec.zigzag(value));
    }

    private Segment finish(int count) {
        Out raw = new Out(5 + strings.size + body.size);
        raw.varint(refs.size());
        raw.bytes(strings.buf, strings.size);
        raw.bytes(body.buf, body.size);
        String firstId = anyXid ? Xid.spell(minXid) : null;
        String lastId = anyXid ? Xid.spell(maxXid) : null;
        if (minOther != null && (firstId == null || minOther.compareTo(firstId) < 0)) {
            firstId = minOther;
        }
        if (maxOther != null && (lastId == null || maxOther.compareTo(lastId) > 0)) {
            lastId = maxOther;
        }
        return new Segment(deflate(raw), count, firstMicros, lastMicros, firstId, lastId);
    }

    private static byte[] deflate(Out raw) {
        Out all = new Out(16 + raw.size / 3);
        all.write(AuditSegmentCodec.VERSION);
        all.varint(raw.size);
        Deflater deflater = DEFLATERS.get();
        try {
            deflater.setInput(raw.buf, 0, raw.size);
            deflater.finish();
            while (!deflater.finished()) {
                all.room(Math.max(64, raw.size / 8));
                all.size += deflater.deflate(all.buf, all.size, all.buf.length - all.size);
            }
        } finally {
            deflater.reset();
        }
        return all.buf.length == all.size ? all.buf : Arrays.copyOf(all.buf, all.size);
    }
}
