package io.parley.llm;

import java.util.Objects;

/**
 * A complete reply.
 *
 * @param text the whole reply, equal to the concatenation of the streamed pieces
 * @param model the model that produced it, as the provider names it (e.g. "gpt-4o-mini", "builtin")
 * @param usage the tokens the provider counted, or estimated when it did not say
 */
public record ModelReply(String text, String model, Usage usage) {

    public ModelReply {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
    }

    /** Tokens in and out of one call. */
    public record Usage(long inputTokens, long outputTokens) {
        public static final Usage NONE = new Usage(0, 0);
    }
}
