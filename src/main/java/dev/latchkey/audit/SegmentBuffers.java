package dev.latchkey.audit;

import java.util.Arrays;

/** The byte buffers of {@link AuditSegmentCodec}: a growing output and a checked input. */
final class SegmentBuffers {

    private SegmentBuffers() {
    }

    /** A growing byte buffer. */
    static final class Out {
        byte[] buf;
        int size;

        Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void room(int n) {
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
    static final class In {
        final byte[] buf;
        final int end;
        int pos;

        In(byte[] buf) {
            this(buf, buf.length);
        }

        /** The first {@code end} bytes of {@code buf}. */
        In(byte[] buf, int end) {
            this.buf = buf;
            this.end = end;
        }

        int read() {
            if (pos >= end) {
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
            if (n > end - pos) {
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
            if (length > end - pos) {
                throw new IllegalArgumentException("truncated audit segment");
            }
            int stop = pos + length;
            char[] chars = new char[length];
            int n = 0;
            while (pos < stop) {
                int b = buf[pos++] & 0xFF;
                if (b < 0x80) {
                    chars[n++] = (char) b;
                } else if (b < 0xE0) {
                    chars[n++] = (char) (((b & 0x1F) << 6) | (next(stop) & 0x3F));
                } else {
                    chars[n++] = (char) (((b & 0x0F) << 12) | ((next(stop) & 0x3F) << 6) | (next(stop) & 0x3F));
                }
            }
            return new String(chars, 0, n);
        }

        private int next(int stop) {
            if (pos >= stop) {
                throw new IllegalArgumentException("truncated string in an audit segment");
            }
            return buf[pos++] & 0xFF;
        }
    }
}
