package io.parley.llm.bedrock;

import io.parley.llm.ModelReply.FinishReason;
import io.parley.llm.ModelReply.Usage;
import io.parley.llm.ToolCall;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/** What Bedrock answered, streamed or whole, in Parley's terms; and the mappings both paths share. */
final class Replies {

    /**
     * A complete answer.
     *
     * @param usage the provider's count; null when it gave none
     */
    record Answer(String text, List<ToolCall> toolCalls, FinishReason finishReason, @Nullable Usage usage) {}

    private Replies() {}

    /** A Converse response; throws {@link IllegalStateException} for one without a message or a stop reason. */
    static Answer of(ConverseResponse response) {
        if (response.output() == null || response.output().message() == null || response.stopReason() == null) {
            throw new IllegalStateException("no message or stop reason");
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (ContentBlock block : response.output().message().content()) {
            if (block.text() != null) {
                text.append(block.text());
            } else if (block.toolUse() != null) {
                if (block.toolUse().name() == null) {
                    throw new IllegalStateException("a tool call without a name");
                }
                String id =
                        block.toolUse().toolUseId() != null ? block.toolUse().toolUseId() : "call_" + calls.size();
                calls.add(new ToolCall(
                        id,
                        block.toolUse().name(),
                        Documents.json(block.toolUse().input())));
            }
        }
        return new Answer(
                text.toString(),
                List.copyOf(calls),
                finishReason(response.stopReason(), calls),
                usage(response.usage()));
    }

    static FinishReason finishReason(StopReason reason, List<ToolCall> calls) {
        return switch (reason) {
            case TOOL_USE -> FinishReason.TOOL_CALLS;
            // Some models end their turn normally after a tool call; the call is what matters.
            case END_TURN, STOP_SEQUENCE -> calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
            case MAX_TOKENS -> FinishReason.MAX_TOKENS;
            case GUARDRAIL_INTERVENED, CONTENT_FILTERED -> FinishReason.CONTENT_FILTERED;
            default -> FinishReason.OTHER;
        };
    }

    /**
     * Bedrock counts cache reads and writes apart from {@code inputTokens}; Parley's input count includes them, with
     * the reads as the cached part. Null when the provider reported nothing.
     */
    static @Nullable Usage usage(@Nullable TokenUsage usage) {
        if (usage == null || (usage.inputTokens() == null && usage.outputTokens() == null)) {
            return null;
        }
        long read = orZero(usage.cacheReadInputTokens());
        long written = orZero(usage.cacheWriteInputTokens());
        return new Usage(orZero(usage.inputTokens()) + read + written, orZero(usage.outputTokens()), read, false);
    }

    private static long orZero(@Nullable Integer count) {
        return count == null ? 0 : Math.max(0, count);
    }
}
