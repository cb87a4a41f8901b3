package dev.latchkey.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A copy of the body an endpoint writes, for {@link IdempotencyFilter}: the stream it wraps passes
 * every byte on unchanged, copies up to a limit, and runs a callback when the body is complete, before
 * the answer is finished on the wire (so the answer is kept before the client can retry). Used by one
 * request at a time.
 */
final class IdempotencyResponseCopy {

    private final int limit;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private boolean overflowed;

    IdempotencyResponseCopy(int limit) {
        this.limit = limit;
    }

    OutputStream around(OutputStream out, Runnable whenComplete) {
        return new OutputStream() {
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                keep(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                keep(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    try {
                        whenComplete.run();
                    } finally {
                        out.close();
                    }
                }
            }
        };
    }

    private void keep(byte[] b, int off, int len) {
        if (overflowed || copy.size() + len > limit) {
            overflowed = true;
            return;
        }
        copy.write(b, off, len);
    }

    boolean overflowed() {
        return overflowed;
    }

    byte[] bytes() {
        return copy.toByteArray();
    }
}
