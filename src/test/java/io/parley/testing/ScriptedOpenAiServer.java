package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A local OpenAI-compatible chat-completions server for tests and benchmarks: {@code POST /v1/chat/completions} on
 * 127.0.0.1 and a random port, speaking the real wire format (SSE chunks ending with {@code data: [DONE]}, or one
 * JSON object when the request says {@code "stream": false}).
 *
 * <p>Every request is recorded ({@link #requests()}, {@link #awaitRequests}). Each request is answered by the next
 * {@link #script queued script}, or, when the queue is empty, by the {@link #respondWith responder}, which by
 * default echoes: {@code "Echo: <last user message>"} in three chunks ({@link OpenAiScript#echoOf}).
 *
 * <pre>{@code
 * try (var server = ScriptedOpenAiServer.start()) {
 *     server.script(OpenAiScript.reply("Hi!").inChunks(2), OpenAiScript.status(500, "{}"));
 *     // point a provider at server.baseUrl(), or use server.springProperties("scripted")
 *     server.awaitRequests(1, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * Thread-safe: each request is handled on its own virtual thread. Closing it releases hanging and stalled replies.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

    /** The model name the server reports in its chunks. */
    public static final String MODEL = "scripted-model";

    private static final String CHAT_PATH = "/v1/chat/completions";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final JsonMapper json = JsonMapper.builder().build();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final OpenAiWire wire = new OpenAiWire(json, closed);
    private final Queue<OpenAiScript> scripts = new ConcurrentLinkedQueue<>();
    private final List<RecordedOpenAiRequest> requests = new ArrayList<>();
    private volatile boolean recording = true;
    private final Set<Integer> connections = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private volatile Function<RecordedOpenAiRequest, OpenAiScript> responder = request -> OpenAiScript.echo();

    private ScriptedOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static ScriptedOpenAiServer start() {
        // Real providers stream over no-delay sockets; the JDK's server would otherwise hold each small chunk back
        // until the client's delayed ACK (about 40 ms), which is the server's artefact, not the platform's latency.
        // Read once, when the JDK's server classes load, so it is set before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            return new ScriptedOpenAiServer();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the scripted OpenAI server", e);
        }
    }

    /** The OpenAI-compatible base URL, e.g. {@code http://127.0.0.1:49152/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Spring properties that make {@code providerId} an {@code openai} provider served here, and the default. */
    public Map<String, String> springProperties(String providerId) {
        String prefix = "parley.llm.providers." + providerId + ".";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("parley.llm.default", providerId);
        properties.put(prefix + "type", "openai");
        properties.put(prefix + "base-url", baseUrl().toString());
        properties.put(prefix + "model", MODEL);
        return properties;
    }

    /** Queues scripts for the next requests, one each, in order. */
    public ScriptedOpenAiServer script(OpenAiScript... next) {
        scripts.addAll(List.of(next));
        return this;
    }

    /** Answers every request the queue does not cover (the default echoes). */
    public ScriptedOpenAiServer respondWith(Function<RecordedOpenAiRequest, OpenAiScript> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Whether to keep the requests it receives (on by default). Long benchmarks turn it off: every request carries
     * its conversation's history, and keeping them all would fill the driver's heap.
     */
    public ScriptedOpenAiServer recording(boolean on) {
        this.recording = on;
        return this;
    }

    /** Forgets recorded requests and queued scripts, and echoes again. */
    public void reset() {
        scripts.clear();
        responder = request -> OpenAiScript.echo();
        lock.lock();
        try {
            requests.clear();
        } finally {
            lock.unlock();
        }
    }

    /** How many client connections requests arrived on (their source ports): fewer than requests when reused. */
    public int connections() {
        return connections.size();
    }

    /** The requests received so far, oldest first. */
    public List<RecordedOpenAiRequest> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** The latest request; fails when there was none. */
    public RecordedOpenAiRequest lastRequest() {
        List<RecordedOpenAiRequest> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the scripted OpenAI server received no request");
        }
        return all.getLast();
    }

    /** Waits until at least {@code count} requests have arrived, and returns them; fails after {@code timeout}. */
    public List<RecordedOpenAiRequest> awaitRequests(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (requests.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(
                            "expected %d requests within %s, got %d".formatted(count, timeout, requests.size()));
                }
                arrived.awaitNanos(left);
            }
            return List.copyOf(requests);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for requests", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * When the server got a request and when the first byte of its answer left, as {@link System#nanoTime()}: the
     * server's own share of a call, which benchmarks subtract from what the client measured.
     */
    public record Timing(long receivedAtNanos, long firstByteAtNanos) {}

    private final Queue<Timing> timings = new ConcurrentLinkedQueue<>();
    private volatile boolean timing;

    /** Whether to keep a {@link Timing} per request (off by default); they are taken with {@link #takeTimings()}. */
    public ScriptedOpenAiServer timing(boolean on) {
        this.timing = on;
        return this;
    }

    /** The timings kept since the last call, oldest first. */
    public List<Timing> takeTimings() {
        List<Timing> taken = new ArrayList<>();
        for (Timing t; (t = timings.poll()) != null; ) {
            taken.add(t);
        }
        return taken;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long receivedAt = System.nanoTime();
        if (timing) {
            FirstByteClock first = new FirstByteClock(exchange.getResponseBody());
            exchange.setStreams(null, first);
            first.whenWritten(at -> timings.add(new Timing(receivedAt, at)));
        }
        try (exchange) {
            connections.add(exchange.getRemoteAddress().getPort());
            RecordedOpenAiRequest request = record(exchange);
            if (!request.path().equals(CHAT_PATH) || !request.method().equals("POST")) {
                wire.send(exchange, 404, "{\"error\":{\"message\":\"not found\"}}");
                return;
            }
            OpenAiScript script = scripts.poll();
            answer(exchange, script != null ? script : responder.apply(request), request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (timeouts, dropped connections): part of the scenarios, not a failure.
        }
    }

    /** Notes when the first byte of the body is written. */
    private static final class FirstByteClock extends java.io.FilterOutputStream {
        private java.util.function.LongConsumer onFirst = at -> {};
        private boolean written;

        FirstByteClock(java.io.OutputStream out) {
            super(out);
        }

        void whenWritten(java.util.function.LongConsumer onFirst) {
            this.onFirst = onFirst;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!written && len > 0) {
                written = true;
                onFirst.accept(System.nanoTime());
            }
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    private void answer(HttpExchange exchange, OpenAiScript script, RecordedOpenAiRequest request)
            throws IOException, InterruptedException {
        switch (script) {
            case OpenAiScript.Echo echo ->
                answer(exchange, OpenAiScript.reply(OpenAiScript.echoOf(request.lastUserMessage())), request);
            case OpenAiScript.Reply reply when request.stream() -> wire.stream(exchange, reply, request);
            case OpenAiScript.Reply reply -> wire.whole(exchange, reply, request);
            case OpenAiScript.ToolCallReply call -> wire.streamToolCall(exchange, call, request);
            case OpenAiScript.Status status -> {
                status.headers().forEach(exchange.getResponseHeaders()::set);
                wire.send(exchange, status.status(), status.body());
            }
            case OpenAiScript.Malformed malformed -> wire.malformed(exchange);
            case OpenAiScript.ErrorInStream error -> wire.errorInStream(exchange);
            case OpenAiScript.Hang hang -> closed.await();
        }
    }

    private RecordedOpenAiRequest record(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        JsonNode body;
        try {
            body = bytes.length == 0 ? MissingNode.getInstance() : json.readTree(bytes);
        } catch (JacksonException e) {
            body = MissingNode.getInstance();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        var request = new RecordedOpenAiRequest(
                exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body);
        if (recording) {
            lock.lock();
            try {
                requests.add(request);
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
        return request;
    }
}
