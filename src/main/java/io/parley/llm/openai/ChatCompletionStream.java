package io.parley.llm.openai;

import io.parley.llm.DeltaSink;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelReply.FinishReason;
import io.parley.llm.ModelReply.Usage;
import io.parley.llm.ToolCall;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a streamed chat completion: server-sent events, one JSON chunk per {@code data:} line, ending with
 * {@code data: [DONE]}. Each piece of content goes to the sink as soon as its line is read; tool calls arrive in
 * fragments ({@code delta.tool_calls[]} by index: the id and name first, then the arguments in pieces) and are
 * assembled here.
 *
 * <p>Comment lines, blank lines and other SSE fields ({@code event:}, {@code id:}) are skipped. A chunk that is not
 * JSON, an {@code error} object, or a stream that ends with neither {@code [DONE]} nor a {@code finish_reason}
 * is an {@link Kind#INVALID_RESPONSE}. Not thread-safe: one instance per call.
 */
final class ChatCompletionStream {

    /** What the stream said, besides the pieces already sent to the sink. */
    record Result(
            String text,
            List<ToolCall> toolCalls,
            FinishReason finishReason,
            @Nullable String model,
            @Nullable Usage usage) {}

    private final JsonMapper json;
    private final DeltaSink sink;
    private final String providerId;
    private final StringBuilder text = new StringBuilder();
    /** Tool calls in the order they began; reported in index order. */
    private final List<PartialCall> calls = new ArrayList<>();

    private final Map<Integer, PartialCall> byIndex = new HashMap<>();
    private @Nullable String model;
    private @Nullable Usage usage;
    private @Nullable FinishReason finishReason;

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
                return result(finishReason != null ? finishReason : finishReason("stop"));
            }
            accept(parse(data));
        }
        if (finishReason == null) {
            throw invalid("the stream ended before the reply was complete");
        }
        return result(finishReason);
    }

    private void accept(JsonNode chunk) {
        if (chunk.hasNonNull("error")) {
            throw invalid("the stream carried an error object");
        }
        if (chunk.path("model").isString()) {
            model = chunk.path("model").stringValue();
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        JsonNode content = delta.path("content");
        if (content.isString() && !content.stringValue().isEmpty()) {
            text.append(content.stringValue());
            sink.onDelta(content.stringValue());
        }
        for (JsonNode fragment : delta.path("tool_calls")) {
            callFor(fragment).add(fragment);
        }
        if (choice.path("finish_reason").isString()) {
            finishReason = finishReason(choice.path("finish_reason").stringValue());
        }
        JsonNode counted = chunk.path("usage");
        if (counted.isObject()) {
            usage = new Usage(
                    counted.path("prompt_tokens").asLong(0),
                    counted.path("completion_tokens").asLong(0),
                    counted.path("prompt_tokens_details").path("cached_tokens").asLong(0),
                    false);
        }
    }

    /**
     * The call a fragment continues, or a new one. OpenAI numbers calls by {@code index}; Ollama sends each call whole
     * with no index, or every one as index 0, so a fragment with an id other than its call's starts a new call.
     */
    private PartialCall callFor(JsonNode fragment) {
        String id = fragment.path("id").isString() ? fragment.path("id").stringValue() : "";
        JsonNode index = fragment.path("index");
        PartialCall current = index.isNumber() ? byIndex.get(index.asInt()) : calls.isEmpty() ? null : calls.getLast();
        if (current == null || (!id.isEmpty() && current.id != null && !current.id.equals(id))) {
            current = new PartialCall(index.isNumber() ? index.asInt() : calls.size(), calls.size());
            calls.add(current);
            if (index.isNumber()) {
                byIndex.put(index.asInt(), current);
            }
        }
        return current;
    }

    private Result result(FinishReason reason) {
        return new Result(text.toString(), toolCalls(), reason, model, usage);
    }

    private List<ToolCall> toolCalls() {
        List<ToolCall> assembled = new ArrayList<>(calls.size());
        List<PartialCall> ordered = new ArrayList<>(calls);
        ordered.sort(Comparator.comparingInt((PartialCall call) -> call.index).thenComparingInt(call -> call.arrival));
        for (PartialCall call : ordered) {
            if (call.name.isEmpty()) {
                throw invalid("a tool call came without a name");
            }
            String id = call.id != null ? call.id : "call_" + assembled.size();
            assembled.add(new ToolCall(id, call.name.toString(), call.arguments.toString()));
        }
        return List.copyOf(assembled);
    }

    private FinishReason finishReason(String reason) {
        return switch (reason) {
            case "stop" -> calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "length" -> FinishReason.MAX_TOKENS;
            case "content_filter" -> FinishReason.CONTENT_FILTERED;
            default -> FinishReason.OTHER;
        };
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

    private ModelException invalid(String why) {
        return new ModelException(Kind.INVALID_RESPONSE, "provider '" + providerId + "': " + why);
    }

    /** One tool call as its fragments arrive. */
    private static final class PartialCall {
        private final int index;
        private final int arrival;
        private @Nullable String id;
        private final StringBuilder name = new StringBuilder();
        private final StringBuilder arguments = new StringBuilder();

        PartialCall(int index, int arrival) {
            this.index = index;
            this.arrival = arrival;
        }

        void add(JsonNode fragment) {
            if (fragment.path("id").isString()
                    && !fragment.path("id").stringValue().isEmpty()) {
                id = fragment.path("id").stringValue();
            }
            JsonNode function = fragment.path("function");
            // OpenAI sends the name once, in the first fragment; some compatible servers repeat it in every one.
            if (name.isEmpty() && function.path("name").isString()) {
                name.append(function.path("name").stringValue());
            }
            if (function.path("arguments").isString()) {
                arguments.append(function.path("arguments").stringValue());
            }
        }
    }
}
