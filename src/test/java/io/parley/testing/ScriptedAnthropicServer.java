package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;

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
public final class ScriptedAnthropicServer
        extends ScriptedServer<RecordedAnthropicRequest, AnthropicScript, ScriptedAnthropicServer> {

    /** The model name the server reports in {@code message_start}. */
    public static final String MODEL = "claude-scripted-20260101";

    private static final String MESSAGES_PATH = "/v1/messages";

    private final AnthropicWire wire = new AnthropicWire(json(), closed());

    private ScriptedAnthropicServer() {
        super("Anthropic", AnthropicScript.echo(), null);
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static ScriptedAnthropicServer start() {
        return new ScriptedAnthropicServer().listen();
    }

    /** The API root to give the adapter in place of {@code https://api.anthropic.com}. */
    public URI baseUrl() {
        return root();
    }

    @Override
    RecordedAnthropicRequest receive(HttpExchange exchange) throws IOException {
        long receivedAt = System.nanoTime();
        return new RecordedAnthropicRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                headersOf(exchange),
                jsonOf(exchange.getRequestBody().readAllBytes()),
                receivedAt);
    }

    @Override
    boolean refused(HttpExchange exchange, RecordedAnthropicRequest request) throws IOException {
        if (request.path().equals(MESSAGES_PATH) && request.method().equals("POST")) {
            return false;
        }
        wire.send(exchange, 404, AnthropicScript.errorBody("not_found_error"), request);
        return true;
    }

    @Override
    void answer(HttpExchange exchange, AnthropicScript script, RecordedAnthropicRequest request)
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
            case AnthropicScript.Hang hang -> closed().await();
        }
    }
}
