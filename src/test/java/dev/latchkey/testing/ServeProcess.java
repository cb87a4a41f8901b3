package dev.latchkey.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Latchkey node as an operating-system process, started with {@code latchkey serve} as an operator would (on
 * 127.0.0.1, the test's class path, the bootstrap admin credentials of {@link TestServer}), its output in
 * {@code node.log} of its data folder.
 */
public record ServeProcess(Process process, int port, Path data) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Starts {@code latchkey serve} on {@code port} with a fresh data folder, {@code options} and {@code env}. */
    public static ServeProcess launch(int port, Map<String, String> env, String... options) throws IOException {
        Path data = Files.createTempDirectory("latchkey-node");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.latchkey.cli.Main", "serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--data", data.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(data.resolve("node.log").toFile());
        builder.environment().put("LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_ID", TestServer.ADMIN_CLIENT_ID);
        builder.environment().put("LATCHKEY_BOOTSTRAP_ADMIN_CLIENT_SECRET", TestServer.ADMIN_CLIENT_SECRET);
        builder.environment().putAll(env);
        return new ServeProcess(builder.start(), port, data);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits (up to 90 s) until {@code GET /ready} answers 200 and {@code ready} accepts the answer. */
    public void awaitReady(Predicate<HttpResponse<String>> ready) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError("node exited:\n" + log());
            }
            try {
                HttpResponse<String> response = get("/ready");
                if (response.statusCode() == 200 && ready.test(response)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node did not become ready:\n" + log());
    }

    public String log() {
        try {
            return Files.readString(data.resolve("node.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
