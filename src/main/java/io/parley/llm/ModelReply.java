package io.parley.llm;

import java.util.List;
import java.util.Objects;

/**
 * A complete reply.
 *
 * @param text what the model said, equal to the concatenation of the streamed pieces; empty when it only called tools
 * @param toolCalls the tools the model asked to run, in order; empty when it answered in text
 * @param finishReason why the model stopped
 * @param usage the tokens the provider counted (or estimated, when it did not say)
 * @param provider the id of the provider that actually answered ({@code parley.llm.providers.<id>}), after any fallback
 * @param model the model that actually answered, as the provider names it (e.g. "gpt-4o-mini", "parley-builtin")
 */
public record ModelReply(
        String text, List<ToolCall> toolCalls, FinishReason finishReason, Usage usage, String provider, String model) {

    public ModelReply {
        Objects.requireNonNull(text, "text");
        toolCalls = List.copyOf(toolCalls);
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** A plain text answer that ended normally. */
    public static ModelReply text(String text, Usage usage, String provider, String model) {
        return new ModelReply(text, List.of(), FinishReason.STOP, usage, provider, model);
    }

    /** Why a model stopped writing. */
    public enum FinishReason {
        /** It finished its answer. */
        STOP,
        /** It wants tools run before it goes on. */
        TOOL_CALLS,
        /** It reached the request's output token limit. */
        MAX_TOKENS,
        /** The provider's safety filter stopped it. */
        CONTENT_FILTERED,
        /** Any other reason a provider gives. */
        OTHER
    }

    /**
     * Tokens in and out of one call.
     *
     * @param inputTokens prompt tokens, including cached ones
     * @param outputTokens tokens the model wrote
     * @param cachedInputTokens the part of {@code inputTokens} the provider served from its prompt cache
     * @param estimated true when the provider did not say and Parley counted with its own tokenizer
     */
    public record Usage(long inputTokens, long outputTokens, long cachedInputTokens, boolean estimated) {

        public static final Usage NONE = new Usage(0, 0, 0, false);

        public Usage {
            if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0) {
                throw new IllegalArgumentException("token counts are never negative");
            }
        }

        /** As the provider reported it, without cached tokens. */
        public static Usage reported(long inputTokens, long outputTokens) {
            return new Usage(inputTokens, outputTokens, 0, false);
        }

        /** Both calls' tokens together (a turn with tool calls makes several). */
        public Usage plus(Usage other) {
            return new Usage(
                    inputTokens + other.inputTokens,
                    outputTokens + other.outputTokens,
                    cachedInputTokens + other.cachedInputTokens,
                    estimated || other.estimated);
        }
    }
}
