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
 * A local stand-in for Google's Gemini API (the Developer API) for tests and benchmarks, on 127.0.0.1 and a random
 * port, speaking the real wire format of {@code POST /v1beta/models/{model}:streamGenerateContent?alt=sse} (SSE
 * events of {@code GenerateContentResponse} JSON; a streamed JSON array without {@code alt=sse}) and
 * {@code POST /v1beta/models/{model}:generateContent} (one response). Errors are Google's JSON error objects: a
 * request without an API key ({@code x-goog-api-key} header or {@code key} parameter) gets 403 PERMISSION_DENIED, an
 * unknown path 404 NOT_FOUND, as Google answers them.
 *
 * <p>Every request is recorded ({@link #requests()}, {@link #awaitRequests}) with when it arrived and when its first
 * response byte left. Each is answered by the next {@link #script queued script}, or, when the queue is empty, by
 * the {@link #respondWith responder}, which by default echoes the last user text in three chunks
 * ({@link GeminiScript#echoOf}).
 *
 * <pre>{@code
 * try (var server = ScriptedGeminiServer.start()) {
 *     server.script(GeminiScript.reply("Hi!").inChunks(2), GeminiScript.error(503, "UNAVAILABLE"));
 *     // point a model at server.baseUrl()
 *     server.awaitRequests(1, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * Thread-safe: each request is handled on its own virtual thread. Closing it releases hanging and stalled replies.
 */
public final class ScriptedGeminiServer implements AutoCloseable {

    /** The {@code modelVersion} the server reports in its responses. */
    public static final String MODEL_VERSION = "scripted-gemini-001";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final JsonMapper json = JsonMapper.builder().build();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final GeminiWire wire = new GeminiWire(json, closed);
    private final Queue<GeminiScript> scripts = new ConcurrentLinkedQueue<>();
    private final List<RecordedGeminiRequest> requests = new ArrayList<>();
    private volatile boolean recording = true;
    private final Set<Integer> connections = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private volatile Function<RecordedGeminiRequest, GeminiScript> responder = request -> GeminiScript.echo();

    private ScriptedGeminiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static ScriptedGeminiServer start() {
        // Real providers stream over no-delay sockets; the JDK's server would otherwise hold each small chunk back
        // until the client's delayed ACK (about 40 ms), which is the server's artefact, not the platform's latency.
        // Read once, when the JDK's server classes load, so it is set before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            return new ScriptedGeminiServer();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the scripted Gemini server", e);
        }
    }

    /** The base URL in place of {@code https://generativelanguage.googleapis.com}, e.g. {@code http://127.0.0.1:49152}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues scripts for the next requests, one each, in order. */
    public ScriptedGeminiServer script(GeminiScript... next) {
        scripts.addAll(List.of(next));
        return this;
    }

    /** Answers every request the queue does not cover (the default echoes). */
    public ScriptedGeminiServer respondWith(Function<RecordedGeminiRequest, GeminiScript> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Whether to keep the requests it receives (on by default). Long benchmarks turn it off: every request carries
     * its conversation's history, and keeping them all would fill the driver's heap.
     */
    public ScriptedGeminiServer recording(boolean on) {
        this.recording = on;
        return this;
    }

    /** Forgets recorded requests and queued scripts, and echoes again. */
    public void reset() {
        scripts.clear();
        responder = request -> GeminiScript.echo();
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
    public List<RecordedGeminiRequest> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** The latest request; fails when there was none. */
    public RecordedGeminiRequest lastRequest() {
        List<RecordedGeminiRequest> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the scripted Gemini server received no request");
        }
        return all.getLast();
    }

    /** Waits until at least {@code count} requests have arrived, and returns them; fails after {@code timeout}. */
    public List<RecordedGeminiRequest> awaitRequests(int count, Duration timeout) {
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            connections.add(exchange.getRemoteAddress().getPort());
            RecordedGeminiRequest request = record(exchange);
            boolean known = request.method().equals("POST")
                    && (request.action().equals("streamGenerateContent")
                            || request.action().equals("generateContent"));
            if (!known) {
                wire.send(exchange, request, 404, googleError(404, "NOT_FOUND"));
                return;
            }
            if (request.apiKey().isEmpty()) {
                wire.send(exchange, request, 403, googleError(403, "PERMISSION_DENIED"));
                return;
            }
            GeminiScript script = scripts.poll();
            answer(exchange, script != null ? script : responder.apply(request), request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (timeouts, dropped connections): part of the scenarios, not a failure.
        }
    }

    private void answer(HttpExchange exchange, GeminiScript script, RecordedGeminiRequest request)
            throws IOException, InterruptedException {
        switch (script) {
            case GeminiScript.Echo echo ->
                wire.reply(exchange, GeminiScript.reply(GeminiScript.echoOf(request.lastUserText())), request);
            case GeminiScript.Reply reply -> wire.reply(exchange, reply, request);
            case GeminiScript.ToolCalls calls -> wire.toolCalls(exchange, calls, request);
            case GeminiScript.Error error -> wire.error(exchange, error, request);
            case GeminiScript.Raw raw -> wire.send(exchange, request, raw.status(), raw.body());
            case GeminiScript.ErrorInStream error -> wire.errorInStream(exchange, request);
            case GeminiScript.Malformed malformed -> wire.malformed(exchange, request);
            case GeminiScript.Blocked blocked -> wire.blocked(exchange, request);
            case GeminiScript.Hang hang -> closed.await();
        }
    }

    private String googleError(int code, String status) {
        return json.writeValueAsString(wire.error(code, status, null, null));
    }

    private RecordedGeminiRequest record(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        long receivedAt = System.nanoTime();
        JsonNode body;
        try {
            body = bytes.length == 0 ? MissingNode.getInstance() : json.readTree(bytes);
        } catch (JacksonException e) {
            body = MissingNode.getInstance();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        var request = new RecordedGeminiRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                body,
                receivedAt);
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
