package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible chat-completions endpoint that streams chunks written out by hand, for the shapes other servers
 * than OpenAI send and {@link ScriptedOpenAiServer} does not: tool calls without ids or indexes, usage beside the
 * finish reason, fields OpenAI does not have (Ollama's, vLLM's, llama.cpp's). Each request gets the next queued list
 * of {@code data:} payloads (JSON text, then {@code [DONE]}); request bodies are kept. Thread-safe.
 */
public final class RawOpenAiStreamServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Queue<List<String>> streams = new ConcurrentLinkedQueue<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private RawOpenAiStreamServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static RawOpenAiStreamServer start() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            return new RawOpenAiStreamServer();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the raw OpenAI stream server", e);
        }
    }

    /** The OpenAI-compatible base URL, e.g. {@code http://127.0.0.1:49152/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Queues the next request's stream: each payload is sent as one {@code data:} event, then {@code [DONE]}. */
    public RawOpenAiStreamServer stream(String... payloads) {
        streams.add(List.of(payloads));
        return this;
    }

    /** The request bodies received so far, oldest first. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            List<String> payloads = streams.poll();
            if (payloads == null) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String payload : payloads) {
                out.write(("data: " + payload + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}
