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
 * A local stand-in for Anthropic's Messages API, for tests and benchmarks: {@code POST /v1/messages} on 127.0.0.1
 * and a random port, answering {@code "stream": true} requests with Anthropic's real server-sent events
 * ({@code message_start}, {@code content_block_start}, {@code ping}, {@code content_block_delta} with
 * {@code text_delta} or {@code input_json_delta}, {@code content_block_stop}, {@code message_delta},
 * {@code message_stop}, and {@code error} mid-stream when scripted) and failures with its JSON error bodies.
 *
 * <p>Every request is recorded ({@link #requests()}, {@link #awaitRequests}), with when it arrived and when its
 * answer's first byte went out. Each request is answered by the next {@link #script queued script}, or, when the
 * queue is empty, by the {@link #respondWith responder}, which by default echoes: {@code "Echo: <last user text>"}
 * in three pieces ({@link AnthropicScript#echoOf}).
 *
 * <pre>{@code
 * try (var server = ScriptedAnthropicServer.start()) {
 *     server.script(AnthropicScript.reply("Hi!").inChunks(2), AnthropicScript.overloaded());
 *     // point an Anthropic model at server.baseUrl()
 *     server.awaitRequests(1, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * Thread-safe: each request is handled on its own virtual thread. Closing it releases hanging and stalled replies.
 */
public final class ScriptedAnthropicServer implements AutoCloseable {

    /** The model name the server reports in {@code message_start}. */
    public static final String MODEL = "claude-scripted-20260101";

    private static final String MESSAGES_PATH = "/v1/messages";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final JsonMapper json = JsonMapper.builder().build();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AnthropicWire wire = new AnthropicWire(json, closed);
    private final Queue<AnthropicScript> scripts = new ConcurrentLinkedQueue<>();
    private final List<RecordedAnthropicRequest> requests = new ArrayList<>();
    private final Set<Integer> connections = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private volatile boolean recording = true;
    private volatile Function<RecordedAnthropicRequest, AnthropicScript> responder = request -> AnthropicScript.echo();

    private ScriptedAnthropicServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static ScriptedAnthropicServer start() {
        // Anthropic streams over no-delay sockets; the JDK's server would otherwise hold each small event back until
        // the client's delayed ACK (about 40 ms), the server's artefact rather than the platform's latency. Read once,
        // when the JDK's server classes load, so it is set before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            return new ScriptedAnthropicServer();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the scripted Anthropic server", e);
        }
    }

    /** The API root to give the adapter in place of {@code https://api.anthropic.com}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues scripts for the next requests, one each, in order. */
    public ScriptedAnthropicServer script(AnthropicScript... next) {
        scripts.addAll(List.of(next));
        return this;
    }

    /** Answers every request the queue does not cover (the default echoes). */
    public ScriptedAnthropicServer respondWith(Function<RecordedAnthropicRequest, AnthropicScript> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Whether to keep the requests it receives (on by default). Long benchmarks turn it off: every request carries
     * its conversation's history, and keeping them all would fill the driver's heap.
     */
    public ScriptedAnthropicServer recording(boolean on) {
        this.recording = on;
        return this;
    }

    /** Forgets recorded requests and queued scripts, and echoes again. */
    public void reset() {
        scripts.clear();
        responder = request -> AnthropicScript.echo();
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
    public List<RecordedAnthropicRequest> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** The latest request; fails when there was none. */
    public RecordedAnthropicRequest lastRequest() {
        List<RecordedAnthropicRequest> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the scripted Anthropic server received no request");
        }
        return all.getLast();
    }

    /** Waits until at least {@code count} requests have arrived, and returns them; fails after {@code timeout}. */
    public List<RecordedAnthropicRequest> awaitRequests(int count, Duration timeout) {
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
        long receivedAt = System.nanoTime();
        try (exchange) {
            connections.add(exchange.getRemoteAddress().getPort());
            RecordedAnthropicRequest request = record(exchange, receivedAt);
            if (!request.path().equals(MESSAGES_PATH) || !request.method().equals("POST")) {
                wire.send(exchange, 404, AnthropicScript.errorBody("not_found_error"), request);
                return;
            }
            AnthropicScript script = scripts.poll();
            answer(exchange, script != null ? script : responder.apply(request), request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (timeouts, dropped connections): part of the scenarios, not a failure.
        }
    }

    private void answer(HttpExchange exchange, AnthropicScript script, RecordedAnthropicRequest request)
            throws IOException, InterruptedException {
        switch (script) {
            case AnthropicScript.Echo echo ->
                answer(exchange, AnthropicScript.reply(AnthropicScript.echoOf(request.lastUserText())), request);
            case AnthropicScript.Reply reply when request.stream() -> wire.stream(exchange, reply, request);
            case AnthropicScript.Reply reply ->
                // This stand-in speaks only the streamed API, which is all Parley uses.
                wire.send(exchange, 400, AnthropicScript.errorBody("invalid_request_error"), request);
            case AnthropicScript.ToolCallReply call -> wire.streamToolCall(exchange, call, request);
            case AnthropicScript.Status status -> {
                status.headers().forEach(exchange.getResponseHeaders()::set);
                wire.send(exchange, status.status(), status.body(), request);
            }
            case AnthropicScript.Malformed malformed -> wire.malformed(exchange, request);
            case AnthropicScript.Hang hang -> closed.await();
        }
    }

    private RecordedAnthropicRequest record(HttpExchange exchange, long receivedAt) throws IOException {
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
        var request = new RecordedAnthropicRequest(
                exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body, receivedAt);
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
