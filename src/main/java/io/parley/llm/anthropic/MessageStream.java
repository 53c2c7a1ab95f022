package io.parley.llm.anthropic;

import com.anthropic.core.JsonField;
import com.anthropic.core.JsonObject;
import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageDeltaUsage;
import com.anthropic.models.messages.RawContentBlockDelta;
import com.anthropic.models.messages.RawContentBlockDeltaEvent;
import com.anthropic.models.messages.RawContentBlockStartEvent;
import com.anthropic.models.messages.RawMessageDeltaEvent;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.Usage;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.llm.ModelReply.FinishReason;
import io.parley.llm.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Folds a Messages API stream into a reply: {@code message_start} names the model and counts the input,
 * {@code content_block_start} opens a text or {@code tool_use} block, {@code content_block_delta} brings text
 * ({@code text_delta}, handed on at once) or a tool call's arguments in fragments ({@code input_json_delta}),
 * {@code message_delta} brings the {@code stop_reason} and the final counts, and {@code message_stop} ends it.
 * Thinking, citations and server-tool blocks are not Parley's and are skipped, as are event types this SDK does not
 * know. Not thread-safe: one instance per call.
 */
final class MessageStream {

    /** What the stream said, besides the pieces already handed on. */
    record Result(
            String text,
            List<ToolCall> toolCalls,
            FinishReason finishReason,
            @Nullable String model,
            io.parley.llm.ModelReply.@Nullable Usage usage) {}

    private final Consumer<String> pieces;
    private final AnthropicFailures failures;
    private final StringBuilder text = new StringBuilder();
    private final TreeMap<Long, PartialCall> calls = new TreeMap<>();
    private final Counts counts = new Counts();
    private @Nullable String model;
    private @Nullable StopReason stopReason;
    private boolean stopped;

    MessageStream(Consumer<String> pieces, AnthropicFailures failures) {
        this.pieces = pieces;
        this.failures = failures;
    }

    /** Takes one event; true once {@code message_stop} has arrived and nothing more is needed. */
    boolean accept(RawMessageStreamEvent event) {
        event.messageStart().ifPresent(start -> start(start.message()));
        event.contentBlockStart().ifPresent(this::open);
        event.contentBlockDelta().ifPresent(this::add);
        event.messageDelta().ifPresent(this::finish);
        if (event.isMessageStop()) {
            stopped = true;
        }
        return stopped;
    }

    /** The reply; an invalid response when the stream ended before {@code message_stop}. */
    Result result() {
        if (!stopped) {
            throw failures.invalid("the stream ended before message_stop");
        }
        List<ToolCall> toolCalls = toolCalls();
        return new Result(text.toString(), toolCalls, finishReason(toolCalls), model, counts.usage());
    }

    private void start(Message message) {
        message._model().asKnown().ifPresent(known -> model = known.asString());
        message._usage().asKnown().ifPresent(counts::start);
    }

    private void open(RawContentBlockStartEvent start) {
        RawContentBlockStartEvent.ContentBlock block = start.contentBlock();
        block.text().ifPresent(opening -> emit(opening._text().asKnown().orElse("")));
        block.toolUse().ifPresent(use -> calls.put(start.index(), new PartialCall(use)));
    }

    private void add(RawContentBlockDeltaEvent event) {
        RawContentBlockDelta delta = event.delta();
        delta.text().ifPresent(piece -> emit(piece.text()));
        delta.inputJson().ifPresent(fragment -> {
            PartialCall call = calls.get(event.index());
            if (call == null) {
                throw failures.invalid("sent tool arguments for a block that is not a tool_use");
            }
            call.arguments.append(fragment.partialJson());
        });
    }

    private void finish(RawMessageDeltaEvent event) {
        event.delta()._stopReason().asKnown().ifPresent(reason -> stopReason = reason);
        event._usage().asKnown().ifPresent(counts::update);
    }

    private void emit(String piece) {
        if (!piece.isEmpty()) {
            text.append(piece);
            pieces.accept(piece);
        }
    }

    private List<ToolCall> toolCalls() {
        List<ToolCall> assembled = new ArrayList<>(calls.size());
        calls.forEach((index, call) -> assembled.add(call.toToolCall(index)));
        return List.copyOf(assembled);
    }

    private FinishReason finishReason(List<ToolCall> toolCalls) {
        if (stopReason == null) {
            return toolCalls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
        }
        return switch (stopReason.value()) {
            case END_TURN, STOP_SEQUENCE -> FinishReason.STOP;
            case TOOL_USE -> FinishReason.TOOL_CALLS;
            case MAX_TOKENS, MODEL_CONTEXT_WINDOW_EXCEEDED -> FinishReason.MAX_TOKENS;
            case REFUSAL -> FinishReason.CONTENT_FILTERED;
            default -> FinishReason.OTHER;
        };
    }

    /** One {@code tool_use} block as its argument fragments arrive. */
    private static final class PartialCall {
        private final @Nullable String id;
        private final String name;
        private final JsonValue openingInput;
        private final StringBuilder arguments = new StringBuilder();

        PartialCall(ToolUseBlock use) {
            this.id = use._id().asKnown().orElse(null);
            this.name = use._name().asKnown().orElse("");
            this.openingInput = use._input();
        }

        ToolCall toToolCall(long index) {
            String callId = id != null && !id.isBlank() ? id : "call_" + index;
            return new ToolCall(callId, name, arguments.isEmpty() ? opening() : arguments.toString());
        }

        /**
         * The input the block opened with: Anthropic streams arguments as fragments after an empty {@code {}}, but a
         * server that sends them whole in the opening block is read too.
         */
        private String opening() {
            if (!(openingInput instanceof JsonObject object) || object.values().isEmpty()) {
                return "{}";
            }
            try {
                return ObjectMappers.jsonMapper().writeValueAsString(openingInput);
            } catch (JsonProcessingException e) {
                return "{}";
            }
        }
    }

    /**
     * The token counts: {@code message_start} has the input, {@code message_delta} the output and, from some
     * servers, the input again; the later count wins. Parley's input includes the cache reads and writes, which
     * Anthropic counts apart from {@code input_tokens}.
     */
    private static final class Counts {
        private @Nullable Long input;
        private @Nullable Long output;
        private long cacheRead;
        private long cacheCreation;

        void start(Usage usage) {
            input = known(usage._inputTokens(), input);
            output = known(usage._outputTokens(), output);
            cacheRead = known(usage._cacheReadInputTokens(), cacheRead);
            cacheCreation = known(usage._cacheCreationInputTokens(), cacheCreation);
        }

        void update(MessageDeltaUsage usage) {
            input = known(usage._inputTokens(), input);
            output = known(usage._outputTokens(), output);
            cacheRead = known(usage._cacheReadInputTokens(), cacheRead);
            cacheCreation = known(usage._cacheCreationInputTokens(), cacheCreation);
        }

        io.parley.llm.ModelReply.@Nullable Usage usage() {
            if (input == null && output == null) {
                return null;
            }
            long in = input != null ? input : 0;
            return new io.parley.llm.ModelReply.Usage(
                    in + cacheRead + cacheCreation, output != null ? output : 0, cacheRead, false);
        }

        private static @Nullable Long known(JsonField<Long> field, @Nullable Long otherwise) {
            return field.asKnown().map(value -> Math.max(0, value)).orElse(otherwise);
        }

        private static long known(JsonField<Long> field, long otherwise) {
            return field.asKnown().map(value -> Math.max(0, value)).orElse(otherwise);
        }
    }
}
