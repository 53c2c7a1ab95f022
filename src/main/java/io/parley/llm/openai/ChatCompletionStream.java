package io.parley.llm.openai;

import io.parley.llm.DeltaSink;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelReply.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a streamed chat completion: server-sent events, one JSON chunk per {@code data:} line, ending with
 * {@code data: [DONE]}. Each piece of content goes to the sink as soon as its line is read; nothing is buffered.
 *
 * <p>Comment lines, blank lines and other SSE fields ({@code event:}, {@code id:}) are skipped. A chunk that is not
 * JSON, an {@code error} object, or a stream that ends with neither {@code [DONE]} nor a {@code finish_reason}
 * is an {@link Kind#INVALID_RESPONSE}. Not thread-safe: one instance per call.
 */
final class ChatCompletionStream {

    /** What the stream said, besides the pieces already sent to the sink. */
    record Result(String text, @Nullable String model, @Nullable Usage usage) {}

    private final JsonMapper json;
    private final DeltaSink sink;
    private final String providerId;
    private final StringBuilder text = new StringBuilder();
    private @Nullable String model;
    private @Nullable Usage usage;
    private boolean finished;

    ChatCompletionStream(JsonMapper json, DeltaSink sink, String providerId) {
        this.json = json;
        this.sink = sink;
        this.providerId = providerId;
    }

    /** Reads to {@code [DONE]} or the end of the stream; I/O failures are the caller's to interpret. */
    Result read(BufferedReader reader) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring("data:".length()).strip();
            if (data.isEmpty()) {
                continue;
            }
            if (data.equals("[DONE]")) {
                return result();
            }
            accept(parse(data));
        }
        if (!finished) {
            throw invalid("the stream ended before the reply was complete");
        }
        return result();
    }

    private void accept(JsonNode chunk) {
        if (chunk.hasNonNull("error")) {
            throw invalid("the stream carried an error object");
        }
        if (chunk.path("model").isString()) {
            model = chunk.path("model").stringValue();
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode content = choice.path("delta").path("content");
        if (content.isString() && !content.stringValue().isEmpty()) {
            text.append(content.stringValue());
            sink.onDelta(content.stringValue());
        }
        if (choice.path("finish_reason").isString()) {
            finished = true;
        }
        JsonNode counted = chunk.path("usage");
        if (counted.isObject()) {
            usage = new Usage(
                    counted.path("prompt_tokens").asLong(0),
                    counted.path("completion_tokens").asLong(0));
        }
    }

    private JsonNode parse(String data) {
        try {
            JsonNode chunk = json.readTree(data);
            if (!chunk.isObject()) {
                throw invalid("a chunk was not a JSON object");
            }
            return chunk;
        } catch (JacksonException e) {
            // The parser's message quotes the chunk, which may hold customer text: keep it out of the logs.
            throw invalid("a chunk was not valid JSON");
        }
    }

    private Result result() {
        return new Result(text.toString(), model, usage);
    }

    private ModelException invalid(String why) {
        return new ModelException(Kind.INVALID_RESPONSE, "provider '" + providerId + "': " + why);
    }
}
