package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;

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
public final class ScriptedOpenAiServer
        extends ScriptedServer<RecordedOpenAiRequest, OpenAiScript, ScriptedOpenAiServer> {

    /** The model name the server reports in its chunks. */
    public static final String MODEL = "scripted-model";

    private static final String CHAT_PATH = "/v1/chat/completions";

    private final OpenAiWire wire = new OpenAiWire(json(), closed());
    private final Queue<Timing> timings = new ConcurrentLinkedQueue<>();
    private volatile boolean timing;

    private ScriptedOpenAiServer() {
        super("OpenAI", OpenAiScript.echo(), null);
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static ScriptedOpenAiServer start() {
        return new ScriptedOpenAiServer().listen();
    }

    /** The OpenAI-compatible base URL, e.g. {@code http://127.0.0.1:49152/v1}. */
    public URI baseUrl() {
        return URI.create(root() + "/v1");
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

    /**
     * When the server got a request and when the first byte of its answer left, as {@link System#nanoTime()}: the
     * server's own share of a call, which benchmarks subtract from what the client measured.
     */
    public record Timing(long receivedAtNanos, long firstByteAtNanos) {}

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

    @Override
    RecordedOpenAiRequest receive(HttpExchange exchange) throws IOException {
        long receivedAt = System.nanoTime();
        if (timing) {
            FirstByteClock first = new FirstByteClock(exchange.getResponseBody());
            exchange.setStreams(null, first);
            first.whenWritten(at -> timings.add(new Timing(receivedAt, at)));
        }
        return new RecordedOpenAiRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                headersOf(exchange),
                jsonOf(exchange.getRequestBody().readAllBytes()));
    }

    @Override
    boolean refused(HttpExchange exchange, RecordedOpenAiRequest request) throws IOException {
        if (request.path().equals(CHAT_PATH) && request.method().equals("POST")) {
            return false;
        }
        wire.send(exchange, 404, "{\"error\":{\"message\":\"not found\"}}");
        return true;
    }

    @Override
    void answer(HttpExchange exchange, OpenAiScript script, RecordedOpenAiRequest request)
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
            case OpenAiScript.Hang hang -> closed().await();
        }
    }

    /** Notes when the first byte of the body is written. */
    private static final class FirstByteClock extends FilterOutputStream {
        private LongConsumer onFirst = at -> {};
        private boolean written;

        FirstByteClock(OutputStream out) {
            super(out);
        }

        void whenWritten(LongConsumer onFirst) {
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
}
