package dev.latchkey.audit;

import dev.latchkey.support.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of an audit segment ({@code audit_segments.body}): a list of events in a compact binary form,
 * hand-written because it measured cheaper than JSON (no per-event document, no deflate: the repeated
 * strings are what made the events big, and a per-segment dictionary removes them).
 *
 * <pre>
 * body    = version(1) strings events
 * strings = varint n, n x string          (the dictionary: every distinct string but the ids, in first-use order)
 * events  = varint n, varlong base-micros, n x event
 * event   = string id, zigzag varlong (micros - base), ref tenant, ref workspace, ref client, ref subject,
 *           ref action, ref object type, ref object id, ref ip, ref user agent, value details
 * ref     = varint (0 = null, i + 1 = strings[i])
 * value   = 0 null | 1 ref | 2 zigzag varlong | 3 double (8 bytes) | 4 true | 5 false
 *         | 6 varint n, n x value (list) | 7 varint n, n x (ref key, value) (map) | 8 string (JSON of anything else)
 * string  = varint byte length, each UTF-16 unit as 1-3 bytes (modified UTF-8: lossless, lone surrogates too)
 * </pre>
 *
 * Times are kept to the microsecond, as the databases keep {@code created_at}. Decoding gives what reading
 * the event's JSON document would (numbers that fit an int as {@link Integer}, maps as {@link LinkedHashMap},
 * lists as {@link ArrayList}). Stateless; thread-safe.
 */
public final class AuditSegmentCodec {

    static final int VERSION = 1;

    private AuditSegmentCodec() {
    }

    /** The events as one segment body. */
    public static byte[] encode(List<AuditEvent> events) {
        Out strings = new Out(256);
        Out body = new Out(64 * events.size() + 16);
        Map<String, Integer> refs = new HashMap<>();
        long base = events.isEmpty() ? 0 : micros(events.get(0).createdAt());
        body.varint(events.size());
        body.varlong(zigzag(base));
        for (AuditEvent e : events) {
            body.string(e.id());
            body.varlong(zigzag(micros(e.createdAt()) - base));
            ref(body, strings, refs, e.tenantId());
            ref(body, strings, refs, e.workspaceId());
            ref(body, strings, refs, e.actorClientId());
            ref(body, strings, refs, e.actorSubject());
            ref(body, strings, refs, e.action());
            ref(body, strings, refs, e.objectType());
            ref(body, strings, refs, e.objectId());
            ref(body, strings, refs, e.ip());
            ref(body, strings, refs, e.userAgent());
            value(body, strings, refs, e.details());
        }
        Out all = new Out(1 + 5 + strings.size + body.size);
        all.write(VERSION);
        all.varint(refs.size());
        all.bytes(strings.buf, strings.size);
        all.bytes(body.buf, body.size);
        return all.buf.length == all.size ? all.buf : Arrays.copyOf(all.buf, all.size);
    }

    /** The events of a body {@link #encode} wrote; {@link IllegalArgumentException} if it is not one. */
    public static List<AuditEvent> decode(byte[] body) {
        In in = new In(body);
        String[] strings = dictionary(in);
        int n = in.varint();
        long base = unzigzag(in.varlong());
        List<AuditEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = in.string();
            Instant at = instant(base + unzigzag(in.varlong()));
            events.add(new AuditEvent(id, ref(in, strings), ref(in, strings), ref(in, strings), ref(in, strings),
                    ref(in, strings), ref(in, strings), ref(in, strings), ref(in, strings), ref(in, strings),
                    details(value(in, strings)), at));
        }
        if (in.pos != body.length) {
            throw new IllegalArgumentException("trailing bytes in an audit segment");
        }
        return events;
    }

    /** The dictionary of a body alone (cheap): a filter value missing from it matches no event of the segment. */
    public static Set<String> strings(byte[] body) {
        return new HashSet<>(Arrays.asList(dictionary(new In(body))));
    }

    private static String[] dictionary(In in) {
        int version = in.read();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown audit segment version " + version);
        }
        String[] strings = new String[in.varint()];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = in.string();
        }
        return strings;
    }

    static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Object value) {
        if (value == null || value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw new IllegalArgumentException("audit event details are not a map");
    }

    private static void ref(Out body, Out strings, Map<String, Integer> refs, String s) {
        if (s == null) {
            body.write(0);
            return;
        }
        Integer ref = refs.get(s);
        if (ref == null) {
            ref = refs.size();
            refs.put(s, ref);
            strings.string(s);
        }
        body.varint(ref + 1);
    }

    private static String ref(In in, String[] strings) {
        int ref = in.varint();
        if (ref > strings.length) {
            throw new IllegalArgumentException("bad string reference in an audit segment");
        }
        return ref == 0 ? null : strings[ref - 1];
    }

    private static void value(Out body, Out strings, Map<String, Integer> refs, Object value) {
        switch (value) {
            case null -> body.write(0);
            case String s -> {
                body.write(1);
                ref(body, strings, refs, s);
            }
            case Long l -> integral(body, l);
            case Integer i -> integral(body, i);
            case Short s -> integral(body, s);
            case Byte b -> integral(body, b);
            case Double d -> {
                body.write(3);
                body.longBytes(Double.doubleToRawLongBits(d));
            }
            case Boolean b -> body.write(b ? 4 : 5);
            case List<?> list -> {
                body.write(6);
                body.varint(list.size());
                for (Object item : list) {
                    value(body, strings, refs, item);
                }
            }
            case Map<?, ?> map -> {
                body.write(7);
                body.varint(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("audit event details have a key that is not a string");
                    }
                    ref(body, strings, refs, key);
                    value(body, strings, refs, entry.getValue());
                }
            }
            default -> {
                body.write(8);
                body.string(Json.write(value));
            }
        }
    }

    private static void integral(Out body, long value) {
        body.write(2);
        body.varlong(zigzag(value));
    }

    private static Object value(In in, String[] strings) {
        int tag = in.read();
        return switch (tag) {
            case 0 -> null;
            case 1 -> ref(in, strings);
            case 2 -> {
                long l = unzigzag(in.varlong());
                yield l == (int) l ? (Object) (int) l : (Object) l;
            }
            case 3 -> Double.longBitsToDouble(in.longBytes());
            case 4 -> Boolean.TRUE;
            case 5 -> Boolean.FALSE;
            case 6 -> {
                int n = in.count();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(value(in, strings));
                }
                yield list;
            }
            case 7 -> {
                int n = in.count();
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    map.put(ref(in, strings), value(in, strings));
                }
                yield map;
            }
            case 8 -> Json.read(in.string(), Object.class);
            default -> throw new IllegalArgumentException("bad value tag " + tag + " in an audit segment");
        };
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** A growing byte buffer. */
    private static final class Out {
        byte[] buf;
        int size;

        Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void room(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        void write(int b) {
            room(1);
            buf[size++] = (byte) b;
        }

        void bytes(byte[] b, int n) {
            room(n);
            System.arraycopy(b, 0, buf, size, n);
            size += n;
        }

        void varint(int v) {
            varlong(v & 0xFFFFFFFFL);
        }

        void varlong(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
        }

        void longBytes(long v) {
            room(8);
            for (int i = 56; i >= 0; i -= 8) {
                buf[size++] = (byte) (v >>> i);
            }
        }

        void string(String s) {
            if (s == null) {
                throw new IllegalArgumentException("an audit event needs an id");
            }
            int n = s.length();
            int length = n;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                length += c >= 0x800 ? 2 : c >= 0x80 ? 1 : 0;
            }
            varint(length);
            room(length);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    buf[size++] = (byte) c;
                } else if (c < 0x800) {
                    buf[size++] = (byte) (0xC0 | (c >> 6));
                    buf[size++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    buf[size++] = (byte) (0xE0 | (c >> 12));
                    buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buf[size++] = (byte) (0x80 | (c & 0x3F));
                }
            }
        }
    }

    /** A reader over a body; any overrun is an {@link IllegalArgumentException}. */
    private static final class In {
        final byte[] buf;
        int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        int read() {
            if (pos >= buf.length) {
                throw new IllegalArgumentException("truncated audit segment");
            }
            return buf[pos++] & 0xFF;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("bad number in an audit segment");
        }

        int varint() {
            long v = varlong();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad count in an audit segment");
            }
            return (int) v;
        }

        /** A count of items still to read: at most one per remaining byte. */
        int count() {
            int n = varint();
            if (n > buf.length - pos) {
                throw new IllegalArgumentException("bad count in an audit segment");
            }
            return n;
        }

        long longBytes() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | read();
            }
            return v;
        }

        String string() {
            int length = varint();
            if (length > buf.length - pos) {
                throw new IllegalArgumentException("truncated audit segment");
            }
            int end = pos + length;
            char[] chars = new char[length];
            int n = 0;
            while (pos < end) {
                int b = buf[pos++] & 0xFF;
                if (b < 0x80) {
                    chars[n++] = (char) b;
                } else if (b < 0xE0) {
                    chars[n++] = (char) (((b & 0x1F) << 6) | (next(end) & 0x3F));
                } else {
                    chars[n++] = (char) (((b & 0x0F) << 12) | ((next(end) & 0x3F) << 6) | (next(end) & 0x3F));
                }
            }
            return new String(chars, 0, n);
        }

        private int next(int end) {
            if (pos >= end) {
                throw new IllegalArgumentException("truncated string in an audit segment");
            }
            return buf[pos++] & 0xFF;
        }
    }
}
