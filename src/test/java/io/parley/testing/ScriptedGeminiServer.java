package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;

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
public final class ScriptedGeminiServer
        extends ScriptedServer<RecordedGeminiRequest, GeminiScript, ScriptedGeminiServer> {

    /** The {@code modelVersion} the server reports in its responses. */
    public static final String MODEL_VERSION = "scripted-gemini-001";

    private final GeminiWire wire = new GeminiWire(json(), closed());

    private ScriptedGeminiServer() {
        super("Gemini", GeminiScript.echo(), null);
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static ScriptedGeminiServer start() {
        return new ScriptedGeminiServer().listen();
    }

    /** The base URL in place of {@code https://generativelanguage.googleapis.com}, e.g. {@code http://127.0.0.1:49152}. */
    public URI baseUrl() {
        return root();
    }

    @Override
    RecordedGeminiRequest receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        long receivedAt = System.nanoTime();
        return new RecordedGeminiRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                headersOf(exchange),
                jsonOf(body),
                receivedAt);
    }

    @Override
    boolean refused(HttpExchange exchange, RecordedGeminiRequest request) throws IOException {
        boolean known = request.method().equals("POST")
                && (request.action().equals("streamGenerateContent")
                        || request.action().equals("generateContent"));
        if (!known) {
            wire.send(exchange, request, 404, googleError(404, "NOT_FOUND"));
            return true;
        }
        if (request.apiKey().isEmpty()) {
            wire.send(exchange, request, 403, googleError(403, "PERMISSION_DENIED"));
            return true;
        }
        return false;
    }

    @Override
    void answer(HttpExchange exchange, GeminiScript script, RecordedGeminiRequest request)
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
            case GeminiScript.Hang hang -> closed().await();
        }
    }

    private String googleError(int code, String status) {
        return json().writeValueAsString(wire.error(code, status, null, null));
    }
}
