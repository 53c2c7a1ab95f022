package io.parley.llm.bedrock;

import io.parley.llm.DeltaSink;
import io.parley.llm.ModelReply.Usage;
import io.parley.llm.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;

/**
 * Reads ConverseStream's events in order, on the caller's thread: text deltas go to the sink as they come; a tool
 * call starts with its id and name ({@code contentBlockStart}) and its arguments follow as pieces of JSON text
 * ({@code contentBlockDelta.toolUse.input}), keyed by the content block's index; {@code messageStop} says why the
 * model stopped and {@code metadata}, after it, the usage. Reasoning and other content is skipped. Not thread-safe:
 * one instance per call.
 */
final class ConverseStreamReader {

    private final DeltaSink sink;
    private final StringBuilder text = new StringBuilder();
    private final TreeMap<Integer, PartialCall> calls = new TreeMap<>();
    private @Nullable StopReason stopReason;
    private @Nullable Usage usage;

    ConverseStreamReader(DeltaSink sink) {
        this.sink = sink;
    }

    void accept(ConverseStreamOutput event) {
        switch (event) {
            case ContentBlockStartEvent start
            when start.start() != null && start.start().toolUse() != null -> {
                PartialCall call = call(start.contentBlockIndex());
                call.id = start.start().toolUse().toolUseId();
                call.name = start.start().toolUse().name();
            }
            case ContentBlockDeltaEvent delta
            when delta.delta() != null -> {
                String piece = delta.delta().text();
                if (piece != null && !piece.isEmpty()) {
                    text.append(piece);
                    sink.onDelta(piece);
                }
                if (delta.delta().toolUse() != null && delta.delta().toolUse().input() != null) {
                    call(delta.contentBlockIndex())
                            .arguments
                            .append(delta.delta().toolUse().input());
                }
            }
            case MessageStopEvent stop -> stopReason = stop.stopReason();
            case ConverseStreamMetadataEvent metadata -> usage = Replies.usage(metadata.usage());
            default -> {
                // messageStart, contentBlockStop and events this version does not know carry nothing we need.
            }
        }
    }

    /** The answer once the stream has completed; throws {@link IllegalStateException} if it never said it stopped. */
    Replies.Answer answer() {
        if (stopReason == null) {
            throw new IllegalStateException("the stream ended before the message stopped");
        }
        List<ToolCall> assembled = new ArrayList<>(calls.size());
        calls.forEach((index, call) -> {
            if (call.name == null || call.name.isEmpty()) {
                throw new IllegalStateException("a tool call without a name");
            }
            String id = call.id != null && !call.id.isEmpty() ? call.id : "call_" + assembled.size();
            assembled.add(new ToolCall(id, call.name, call.arguments.toString()));
        });
        return new Replies.Answer(
                text.toString(), List.copyOf(assembled), Replies.finishReason(stopReason, assembled), usage);
    }

    private PartialCall call(@Nullable Integer index) {
        return calls.computeIfAbsent(index == null ? calls.size() : index, i -> new PartialCall());
    }

    /** One tool call as its pieces arrive. */
    private static final class PartialCall {
        private @Nullable String id;
        private @Nullable String name;
        private final StringBuilder arguments = new StringBuilder();
    }
}
