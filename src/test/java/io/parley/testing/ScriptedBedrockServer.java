package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

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
public final class ScriptedBedrockServer
        extends ScriptedServer<RecordedBedrockRequest, BedrockScript, ScriptedBedrockServer> {

    /** A model id as Bedrock spells it, for tests that need one. */
    public static final String MODEL = "meta.llama3-3-70b-instruct-v1:0";

    private static final Pattern MODEL_PATH = Pattern.compile("/model/([^/]+)/([^/]+)");

    private final BedrockWire wire = new BedrockWire(json(), closed());

    private ScriptedBedrockServer(@Nullable SSLContext tls) {
        super("Bedrock", BedrockScript.echo(), tls);
    }

    /** Starts a plain-http server on 127.0.0.1 and a free port. */
    public static ScriptedBedrockServer start() {
        return start(null);
    }

    /** Starts a server on 127.0.0.1 and a free port that speaks TLS with {@code tls}'s certificate, or plain http. */
    public static ScriptedBedrockServer start(@Nullable SSLContext tls) {
        return new ScriptedBedrockServer(tls).listen();
    }

    /** The endpoint to give the SDK as its endpoint override, e.g. {@code http://127.0.0.1:49152}. */
    public URI endpoint() {
        return root();
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

    @Override
    RecordedBedrockRequest receive(HttpExchange exchange) throws IOException {
        long receivedAt = System.nanoTime();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String rawPath = exchange.getRequestURI().getRawPath();
        Matcher path = MODEL_PATH.matcher(rawPath);
        String modelId = path.matches() ? URLDecoder.decode(path.group(1), StandardCharsets.UTF_8) : "";
        String operation = path.matches() ? path.group(2) : "";
        return new RecordedBedrockRequest(
                exchange.getRequestMethod(),
                rawPath,
                modelId,
                operation,
                exchange.getProtocol(),
                headersOf(exchange),
                jsonOf(body),
                receivedAt);
    }

    @Override
    boolean refused(HttpExchange exchange, RecordedBedrockRequest request) throws IOException {
        boolean known =
                request.operation().equals("converse") || request.operation().equals("converse-stream");
        if (known && request.method().equals("POST")) {
            return false;
        }
        wire.failure(exchange, BedrockScript.error(404, "UnknownOperationException", "not found"), request);
        return true;
    }

    @Override
    void answer(HttpExchange exchange, BedrockScript script, RecordedBedrockRequest request)
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
            case BedrockScript.Hang hang -> closed().await();
        }
    }

    /** Converse: the reply whole, or cut the way the script says (there are no pieces to cut between). */
    private void whole(HttpExchange exchange, BedrockScript.Reply reply, RecordedBedrockRequest request)
            throws IOException, InterruptedException {
        switch (reply.cut()) {
            case NONE -> wire.whole(exchange, reply, request);
            case STALL -> closed().await();
            case DROP_CONNECTION, END_EARLY -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 1 << 20);
                exchange.getResponseBody().write("{\"output\":".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                request.markFirstByte();
            }
        }
    }
}
