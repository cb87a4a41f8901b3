package dev.latchkey.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The little ASN.1 DER this package needs: writing the parts of a certificate and of a PKCS #8 key info, and
 * reading the elements of a SEQUENCE (a SEC 1 EC private key names its curve inside). Definite lengths only.
 */
final class Der {

    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0c;
    static final int UTC_TIME = 0x17;

    private Der() {
    }

    /** One element of a DER encoding: its tag byte and its content. */
    record Element(int tag, byte[] content) {
    }

    static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return element(SEQUENCE, concat(parts));
    }

    static byte[] set(byte[]... parts) {
        return element(SET, concat(parts));
    }

    static byte[] integer(BigInteger value) {
        return element(INTEGER, value.toByteArray());
    }

    static byte[] octetString(byte[] value) {
        return element(OCTET_STRING, value);
    }

    /** A BIT STRING of whole bytes (no unused bits). */
    static byte[] bitString(byte[] value) {
        byte[] content = new byte[value.length + 1];
        System.arraycopy(value, 0, content, 1, value.length);
        return element(BIT_STRING, content);
    }

    static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    static byte[] utf8(String value) {
        return element(UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
    }

    /** An object identifier from its dotted form ("1.2.840.10045.2.1"). */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeBase128(out, Long.parseLong(arcs[i]));
        }
        return element(OID, out.toByteArray());
    }

    /** A context-specific constructed tag around {@code content} ([n] EXPLICIT). */
    static byte[] explicit(int number, byte[] content) {
        return element(0xa0 | number, content);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The elements directly inside the SEQUENCE that {@code der} is. */
    static List<Element> sequenceOf(byte[] der) {
        List<Element> top = read(der, 0, der.length);
        if (top.size() != 1 || top.get(0).tag() != SEQUENCE) {
            throw new IllegalArgumentException("not a DER SEQUENCE");
        }
        byte[] inner = top.get(0).content();
        return read(inner, 0, inner.length);
    }

    private static List<Element> read(byte[] der, int from, int to) {
        List<Element> elements = new ArrayList<>();
        int i = from;
        while (i < to) {
            if (i + 2 > to) {
                throw new IllegalArgumentException("truncated DER");
            }
            int tag = der[i++] & 0xff;
            int length = der[i++] & 0xff;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                if (bytes == 0 || bytes > 3 || i + bytes > to) {
                    throw new IllegalArgumentException("unsupported DER length");
                }
                length = 0;
                for (int b = 0; b < bytes; b++) {
                    length = (length << 8) | (der[i++] & 0xff);
                }
            }
            if (i + length > to) {
                throw new IllegalArgumentException("truncated DER");
            }
            byte[] content = new byte[length];
            System.arraycopy(der, i, content, 0, length);
            elements.add(new Element(tag, content));
            i += length;
        }
        return elements;
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int b = (int) ((value >>> (7 * g)) & 0x7f);
            out.write(g == 0 ? b : b | 0x80);
        }
    }
}
