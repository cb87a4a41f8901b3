package dev.latchkey.audit;

import dev.latchkey.audit.SegmentBuffers.In;
import dev.latchkey.support.Json;
import dev.latchkey.support.Xid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The body of an audit segment ({@code audit_segments.body}): a list of events in a compact binary form,
 * hand-written because it measured cheaper than JSON (no per-event document: the repeated strings are what
 * made the events big, and a per-segment dictionary removes them). Since version 2 (2026-11-28) that form is
 * deflated (zlib, fastest level): the events of a segment differ little from one another (the same references in
 * the same order), so ~47 bytes an event became ~10. The database keeps a written body in memory for a while (H2
 * holds its pages until they are stored and then in its page cache), long enough for the young collections to copy
 * it several times and promote it: fewer bytes make that churn smaller. Version 3 (2026-11-29) writes an xid as
 * the difference from the previous event's (the same machine and process bytes: its second and its counter,
 * ~3 bytes instead of 20 characters) and a time as the difference from the previous event's: 19 raw bytes a
 * token event instead of ~47 for zlib to work through. Bodies of versions 1 and 2 are still read;
 * {@link AuditSegmentEncoder} writes version 3.
 *
 * <pre>
 * body    = 1 raw | 2 varint raw-length, zlib(raw) | 3 varint raw-length, zlib(raw3)
 * raw     = strings events
 * strings = varint n, n x string          (the dictionary: every distinct string but the ids, in first-use order)
 * events  = varint n, varlong base-micros, n x event
 * event   = string id, zigzag varlong (micros - base), fields
 * raw3    = strings varint n, n x event3
 * event3  = id, zigzag varlong (micros - the previous event's micros; the first: - 0), fields
 * id      = 0 string | 1 12 bytes (an xid) | 2 zigzag varlong (seconds - the previous xid's), zigzag varlong (counter
 *           - the previous xid's, as a signed 24-bit number) (an xid with the previous xid's machine and process)
 * fields  = ref tenant, ref workspace, ref client, ref subject, ref action, ref object type, ref object id, ref ip,
 *           ref user agent, value details
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

    static final int VERSION = 3;
    /** The largest raw form a version 2 or 3 body may declare (a bound for the buffer, far above any batch). */
    private static final int MAX_RAW = 64 << 20;

    private AuditSegmentCodec() {
    }

    /** The events (at least one) as one segment body ({@link AuditSegmentEncoder}). */
    public static byte[] encode(List<? extends PendingEvent> events) {
        return AuditSegmentEncoder.encode(events).body();
    }

    /** The raw form of a body (after its version), to read from its start. */
    private static In open(byte[] body) {
        In in = new In(body);
        int version = in.read();
        if (version == 1) {
            return in;
        }
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("unknown audit segment version " + version);
        }
        int length = in.varint();
        if (length > MAX_RAW) {
            throw new IllegalArgumentException("bad length in an audit segment");
        }
        byte[] raw = new byte[length + 1]; // one byte more: a stream longer than declared shows itself
        Inflater inflater = new Inflater();
        int n = 0;
        try {
            inflater.setInput(body, in.pos, body.length - in.pos);
            while (!inflater.finished() && n <= length) {
                int got = inflater.inflate(raw, n, raw.length - n);
                if (got == 0 && !inflater.finished()) {
                    throw new IllegalArgumentException("truncated audit segment");
                }
                n += got;
            }
            if (n != length || !inflater.finished() || inflater.getRemaining() != 0) {
                throw new IllegalArgumentException("an audit segment not of its declared length");
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("damaged audit segment", e);
        } finally {
            inflater.end();
        }
        return new In(raw, length);
    }

    /** The events of a body {@link #encode} wrote; {@link IllegalArgumentException} if it is not one. */
    public static List<AuditEvent> decode(byte[] body) {
        In in = open(body);
        boolean version3 = body[0] == 3; // open read it
        String[] strings = dictionary(in);
        int n = in.count();
        long previous = version3 ? 0 : unzigzag(in.varlong()); // version 3: the previous event's time, else the base
        byte[] xid = new byte[12];
        boolean anyXid = false;
        List<AuditEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id;
            Instant at;
            if (version3) {
                int tag = in.read();
                if (tag == 0) {
                    id = in.string();
                } else if (tag == 1 || tag == 2 && anyXid) {
                    xid(in, tag, xid);
                    anyXid = true;
                    id = Xid.spell(xid);
                } else {
                    throw new IllegalArgumentException("bad id in an audit segment");
                }
                previous += unzigzag(in.varlong());
                at = instant(previous);
            } else {
                id = in.string();
                at = instant(previous + unzigzag(in.varlong()));
            }
            events.add(new AuditEvent(id, ref(in, strings), ref(in, strings), ref(in, strings), ref(in, strings),
                    ref(in, strings), ref(in, strings), ref(in, strings), ref(in, strings), ref(in, strings),
                    details(value(in, strings)), at));
        }
        if (in.pos != in.end) {
            throw new IllegalArgumentException("trailing bytes in an audit segment");
        }
        return events;
    }

    /** Reads an id of tag 1 (its 12 bytes) or 2 (the difference from the previous xid, in {@code xid}) into {@code xid}. */
    private static void xid(In in, int tag, byte[] xid) {
        if (tag == 1) {
            for (int i = 0; i < 12; i++) {
                xid[i] = (byte) in.read();
            }
            return;
        }
        long seconds = Xid.seconds(xid) + unzigzag(in.varlong());
        long counter = Xid.counter(xid) + unzigzag(in.varlong());
        Xid.setSecondsAndCounter(xid, seconds, (int) counter);
    }

    /** The dictionary of a body alone (cheap): a filter value missing from it matches no event of the segment. */
    public static Set<String> strings(byte[] body) {
        return new HashSet<>(Arrays.asList(dictionary(open(body))));
    }

    private static String[] dictionary(In in) {
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

    private static String ref(In in, String[] strings) {
        int ref = in.varint();
        if (ref > strings.length) {
            throw new IllegalArgumentException("bad string reference in an audit segment");
        }
        return ref == 0 ? null : strings[ref - 1];
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

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
