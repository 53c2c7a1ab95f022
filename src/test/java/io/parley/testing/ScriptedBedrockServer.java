package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A local stand-in for Amazon Bedrock Runtime's Converse API, for tests and benchmarks, on 127.0.0.1 and a random
 * port, speaking the real wire protocol: {@code POST /model/{modelId}/converse} answered with one JSON object, and
 * {@code POST /model/{modelId}/converse-stream} answered with {@code application/vnd.amazon.eventstream} binary
 * frames; errors as an HTTP status, {@code x-amzn-ErrorType} and {@code {"message": …}}. The model id arrives
 * URL-encoded in the path (it contains ':'). It accepts any SigV4 signature: it records the Authorization header and
 * checks nothing.
 *
 * <p>Every request is recorded ({@link #requests()}, {@link #awaitRequests}), with when it arrived and when the first
 * byte of its answer went out. Each request is answered by the next {@link #script queued script} or, when the queue
 * is empty, by the {@link #respondWith responder}, which by default echoes {@code "Echo: <last user text>"} in three
 * pieces ({@link BedrockScript#echoOf}).
 *
 * <pre>{@code
 * try (var server = ScriptedBedrockServer.start()) {
 *     server.script(BedrockScript.reply("Hi!").inChunks(2), BedrockScript.throttled());
 *     // point a model at server.endpoint() with any region and static credentials
 *     server.awaitRequests(1, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * Thread-safe: each request is handled on its own virtual thread. Closing it releases hanging and stalled replies.
 */
public final class ScriptedBedrockServer implements AutoCloseable {

    /** A model id as Bedrock spells it, for tests that need one. */
    public static final String MODEL = "meta.llama3-3-70b-instruct-v1:0";

    private static final Pattern MODEL_PATH = Pattern.compile("/model/([^/]+)/([^/]+)");

    private final HttpServer server;
    private final String scheme;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final JsonMapper json = JsonMapper.builder().build();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final BedrockWire wire = new BedrockWire(json, closed);
    private final Queue<BedrockScript> scripts = new ConcurrentLinkedQueue<>();
    private final List<RecordedBedrockRequest> requests = new ArrayList<>();
    private final Set<Integer> connections = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private volatile boolean recording = true;
    private volatile Function<RecordedBedrockRequest, BedrockScript> responder = request -> BedrockScript.echo();

    private ScriptedBedrockServer(@Nullable SSLContext tls) throws IOException {
        var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls != null) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        this.scheme = tls != null ? "https" : "http";
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a plain-http server on 127.0.0.1 and a free port. */
    public static ScriptedBedrockServer start() {
        return start(null);
    }

    /** Starts a server on 127.0.0.1 and a free port that speaks TLS with {@code tls}'s certificate, or plain http. */
    public static ScriptedBedrockServer start(@Nullable SSLContext tls) {
        // Real providers stream over no-delay sockets; the JDK's server would otherwise hold each small frame back
        // until the client's delayed ACK (about 40 ms). Read once, when the JDK's server classes load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            return new ScriptedBedrockServer(tls);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the scripted Bedrock server", e);
        }
    }

    /** The endpoint to give the SDK as its endpoint override, e.g. {@code http://127.0.0.1:49152}. */
    public URI endpoint() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Spring properties that make {@code providerId} a {@code bedrock} provider served here, and the default. */
    public Map<String, String> springProperties(String providerId) {
        String prefix = "parley.llm.providers." + providerId + ".";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("parley.llm.default", providerId);
        properties.put(prefix + "type", "bedrock");
        properties.put(prefix + "base-url", endpoint().toString());
        properties.put(prefix + "region", "us-east-1");
        properties.put(prefix + "model", MODEL);
        return properties;
    }

    /** Queues scripts for the next requests, one each, in order. */
    public ScriptedBedrockServer script(BedrockScript... next) {
        scripts.addAll(List.of(next));
        return this;
    }

    /** Answers every request the queue does not cover (the default echoes). */
    public ScriptedBedrockServer respondWith(Function<RecordedBedrockRequest, BedrockScript> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /** Whether to keep the requests it receives (on by default); long benchmarks turn it off to spare the heap. */
    public ScriptedBedrockServer recording(boolean on) {
        this.recording = on;
        return this;
    }

    /** Forgets recorded requests and queued scripts, and echoes again. */
    public void reset() {
        scripts.clear();
        responder = request -> BedrockScript.echo();
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
    public List<RecordedBedrockRequest> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** The latest request; fails when there was none. */
    public RecordedBedrockRequest lastRequest() {
        List<RecordedBedrockRequest> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the scripted Bedrock server received no request");
        }
        return all.getLast();
    }

    /** Waits until at least {@code count} requests have arrived, and returns them; fails after {@code timeout}. */
    public List<RecordedBedrockRequest> awaitRequests(int count, Duration timeout) {
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
            RecordedBedrockRequest request = record(exchange);
            boolean known = request.operation().equals("converse")
                    || request.operation().equals("converse-stream");
            if (!known || !request.method().equals("POST")) {
                wire.failure(exchange, BedrockScript.error(404, "UnknownOperationException", "not found"), request);
                return;
            }
            BedrockScript script = scripts.poll();
            answer(exchange, script != null ? script : responder.apply(request), request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (timeouts, cancelled calls): part of the scenarios, not a failure.
        }
    }

    private void answer(HttpExchange exchange, BedrockScript script, RecordedBedrockRequest request)
            throws IOException, InterruptedException {
        switch (script) {
            case BedrockScript.Echo echo ->
                answer(exchange, BedrockScript.reply(BedrockScript.echoOf(request.lastUserText())), request);
            case BedrockScript.Reply reply when request.streaming() -> wire.stream(exchange, reply, request);
            case BedrockScript.Reply reply -> whole(exchange, reply, request);
            case BedrockScript.ToolCallReply call
            when request.streaming() -> wire.streamToolCall(exchange, call, request);
            case BedrockScript.ToolCallReply call -> wire.wholeToolCall(exchange, call, request);
            case BedrockScript.Failure failure -> wire.failure(exchange, failure, request);
            case BedrockScript.ExceptionInStream exception
            when request.streaming() -> wire.exceptionInStream(exchange, exception.exceptionType(), request);
            // Converse has no stream to break: the model's failure comes back as an error status instead.
            case BedrockScript.ExceptionInStream exception ->
                wire.failure(exchange, BedrockScript.internalServer(), request);
            case BedrockScript.Malformed malformed when request.streaming() -> wire.malformedStream(exchange, request);
            case BedrockScript.Malformed malformed ->
                wire.send(exchange, request, 200, "{\"output\":{\"message\":{\"role\":", Map.of());
            case BedrockScript.Hang hang -> closed.await();
        }
    }

    /** Converse: the reply whole, or cut the way the script says (there are no pieces to cut between). */
    private void whole(HttpExchange exchange, BedrockScript.Reply reply, RecordedBedrockRequest request)
            throws IOException, InterruptedException {
        switch (reply.cut()) {
            case NONE -> wire.whole(exchange, reply, request);
            case STALL -> closed.await();
            case DROP_CONNECTION, END_EARLY -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 1 << 20);
                exchange.getResponseBody().write("{\"output\":".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                request.firstByteWritten();
            }
        }
    }

    private RecordedBedrockRequest record(HttpExchange exchange) throws IOException {
        long receivedAt = System.nanoTime();
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
        String rawPath = exchange.getRequestURI().getRawPath();
        Matcher path = MODEL_PATH.matcher(rawPath);
        String modelId = path.matches() ? URLDecoder.decode(path.group(1), StandardCharsets.UTF_8) : "";
        String operation = path.matches() ? path.group(2) : "";
        var request = new RecordedBedrockRequest(
                exchange.getRequestMethod(),
                rawPath,
                modelId,
                operation,
                exchange.getProtocol(),
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
