package dev.latchkey.ratelimit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay from 127.0.0.1:port to the real Redis at 127.0.0.1:6379, which a test can cut (every
 * connection) and restore, or pause: while paused, Redis' answers are held back (the commands still reach
 * Redis and run), as on a slow network; they are delivered, in order, on {@link #resume()}.
 */
final class RedisRelay {

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean paused;

    private RedisRelay(ServerSocket server) {
        this.server = server;
    }

    static RedisRelay start(int port) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            RedisRelay relay = new RedisRelay(s);
            Thread.ofVirtual().start(relay::accept);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket redis = new Socket("127.0.0.1", 6379);
                sockets.add(client);
                sockets.add(redis);
                Thread.ofVirtual().start(() -> pump(client, redis, false));
                Thread.ofVirtual().start(() -> pump(redis, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16384];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (answers) {
                    awaitOpen();
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException ignored) {
            // the relay was cut
        } finally {
            close(from);
            close(to);
        }
    }

    private void awaitOpen() throws InterruptedException {
        synchronized (gate) {
            while (paused) {
                gate.wait();
            }
        }
    }

    /** Holds Redis' answers back until {@link #resume()}. */
    void pause() {
        synchronized (gate) {
            paused = true;
        }
    }

    /** Delivers the answers held back, and the following ones at once. */
    void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    private static void close(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Cuts every connection and stops accepting. */
    void stop() {
        resume();
        close(server);
        sockets.forEach(RedisRelay::close);
        sockets.clear();
    }
}
