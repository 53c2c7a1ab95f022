package io.parley.llm.openai;

import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.completions.CompletionUsage;
import io.parley.llm.DeltaSink;
import io.parley.llm.ModelReply.FinishReason;
import io.parley.llm.ModelReply.Usage;
import io.parley.llm.ToolCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Puts a reply together from the SDK's streamed chunks, on the caller's thread: each piece of content goes to the
 * sink as it is accepted; tool calls are assembled from their {@code tool_calls} fragments by index.
 *
 * <p>The SDK's own {@code ChatCompletionAccumulator} is not used: it leaves a tool call without an id unreadable
 * (some compatible servers send none; we invent {@code call_<n>}), fails on one without an index (Ollama before 0.4.7), merges calls
 * that share an index (Ollama today), and drops the choices of a chunk that also carries {@code usage} (llama.cpp's
 * server before mid-2025, vLLM's continuous usage stats). Fields are read leniently ({@code _field().asKnown()}):
 * a compatible server that leaves one out, or sends an odd type, costs that field, not the reply. Not thread-safe:
 * one instance per call.
 */
final class StreamedReply {

    /** What the stream said, besides the pieces already sent to the sink. */
    record Result(
            String text,
            List<ToolCall> toolCalls,
            @Nullable FinishReason finishReason,
            @Nullable String model,
            @Nullable Usage usage) {}

    private final DeltaSink sink;
    private final StringBuilder text = new StringBuilder();
    /** Calls in the order they began, and the one each index is currently filling. */
    private final List<PartialCall> calls = new ArrayList<>();

    private final Map<Long, PartialCall> byIndex = new HashMap<>();
    private @Nullable String finishReason;
    private @Nullable String model;
    private @Nullable Usage usage;

    StreamedReply(DeltaSink sink) {
        this.sink = sink;
    }

    void accept(ChatCompletionChunk chunk) {
        chunk._model().asKnown().ifPresent(name -> model = name);
        List<ChatCompletionChunk.Choice> choices = chunk._choices().asKnown().orElse(List.of());
        if (!choices.isEmpty()) {
            ChatCompletionChunk.Choice choice = choices.getFirst();
            choice._delta().asKnown().ifPresent(this::accept);
            choice._finishReason().asKnown().ifPresent(reason -> finishReason = reason.asString());
        }
        chunk._usage().asKnown().ifPresent(counted -> usage = usage(counted));
    }

    /** True once the model said why it stopped: a stream that ends before that is incomplete. */
    boolean finished() {
        return finishReason != null;
    }

    /** The reply so far; {@code null} finish reason when none arrived. */
    Result result() {
        return new Result(
                text.toString(), toolCalls(), finishReason == null ? null : finishReason(finishReason), model, usage);
    }

    private void accept(ChatCompletionChunk.Choice.Delta delta) {
        Optional<String> content = delta._content().asKnown();
        if (content.isPresent() && !content.get().isEmpty()) {
            text.append(content.get());
            sink.onDelta(content.get());
        }
        for (var fragment : delta._toolCalls().asKnown().orElse(List.of())) {
            // Ollama before 0.4.7 sent no index; later versions send index 0 for every one of several calls, each
            // whole and with its own id. A fragment with another id than its index's call begins a new call.
            long index = fragment._index().asKnown().orElse((long) calls.size());
            Optional<String> fragmentId = fragment._id().asKnown().filter(id -> !id.isEmpty());
            PartialCall call = byIndex.get(index);
            if (call == null || (fragmentId.isPresent() && call.id != null && !call.id.equals(fragmentId.get()))) {
                call = new PartialCall();
                calls.add(call);
                byIndex.put(index, call);
            }
            call.add(fragment);
        }
    }

    private List<ToolCall> toolCalls() {
        List<ToolCall> assembled = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            PartialCall call = calls.get(i);
            String id = call.id != null ? call.id : "call_" + i;
            assembled.add(new ToolCall(id, call.name.toString(), call.arguments.toString()));
        }
        return assembled;
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

    private static Usage usage(CompletionUsage counted) {
        long cached = counted._promptTokensDetails()
                .asKnown()
                .flatMap(details -> details._cachedTokens().asKnown())
                .orElse(0L);
        return new Usage(
                counted._promptTokens().asKnown().orElse(0L),
                counted._completionTokens().asKnown().orElse(0L),
                cached,
                false);
    }

    /** True when a tool call came without a name, which no tool can answer. */
    boolean hasNamelessCall() {
        return calls.stream().anyMatch(call -> call.name.isEmpty());
    }

    /** One tool call as its fragments arrive. */
    private static final class PartialCall {
        private @Nullable String id;
        private final StringBuilder name = new StringBuilder();
        private final StringBuilder arguments = new StringBuilder();

        void add(ChatCompletionChunk.Choice.Delta.ToolCall fragment) {
            fragment._id().asKnown().filter(value -> !value.isEmpty()).ifPresent(value -> id = value);
            fragment._function().asKnown().ifPresent(function -> {
                // OpenAI sends the name once, in the first fragment; some compatible servers repeat it in every one.
                if (name.isEmpty()) {
                    function._name().asKnown().ifPresent(name::append);
                }
                function._arguments().asKnown().ifPresent(arguments::append);
            });
        }
    }
}
