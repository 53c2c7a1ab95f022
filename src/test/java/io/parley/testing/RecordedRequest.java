package io.parley.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * What a stand-in server records of every request: its method, headers and JSON body as they arrived, when it
 * arrived, and when the first byte of its answer went out ({@link System#nanoTime()}), which benchmarks subtract from
 * what the client measured. Subclasses add what their provider's requests say.
 *
 * <p>Immutable but for the first byte's time, which the server sets once while answering. The OpenAI stand-in times
 * its answers per server instead ({@link ScriptedOpenAiServer#timing}), so its request is a plain record of its own.
 */
public abstract class RecordedRequest {

    private final String method;
    private final Map<String, List<String>> headers;
    private final JsonNode body;
    private final long receivedAtNanos;
    private volatile long firstByteAtNanos;
    // Any long is a valid nanoTime, so none can stand for "not yet".
    private volatile boolean answered;

    RecordedRequest(String method, Map<String, List<String>> headers, JsonNode body, long receivedAtNanos) {
        this.method = method;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.receivedAtNanos = receivedAtNanos;
    }

    /** The HTTP method. */
    public final String method() {
        return method;
    }

    /** Header values by lower-cased name. */
    public final Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, by any case of its name. */
    public final Optional<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream()
                .findFirst();
    }

    /** The parsed JSON body; a missing node when it was not JSON. */
    public final JsonNode body() {
        return body;
    }

    /** The body as JSON text. */
    public final String bodyText() {
        return body.toString();
    }

    /** {@link System#nanoTime()} when the request arrived; each subclass says whether before or after its body was read. */
    public final long receivedAtNanos() {
        return receivedAtNanos;
    }

    /** {@link System#nanoTime()} when the first byte of the answer's body was written and flushed, once it was. */
    final OptionalLong firstByte() {
        return answered ? OptionalLong.of(firstByteAtNanos) : OptionalLong.empty();
    }

    /** Notes the first byte's time; later calls keep the first. */
    final void markFirstByte() {
        if (!answered) {
            firstByteAtNanos = System.nanoTime();
            answered = true;
        }
    }
}
