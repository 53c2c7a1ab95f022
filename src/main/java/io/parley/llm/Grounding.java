package io.parley.llm;

import java.util.List;
import java.util.Objects;

/**
 * The organization's own words the reply must stay within: what the system prompt was generated from, kept
 * structured so that an engine without a language model (the built-in one) can answer from it directly.
 *
 * @param businessName the business's name as customers know it
 * @param description what the business is and does
 * @param rules what the assistant must and must not do
 * @param guidelines how the assistant should handle common situations
 * @param values what the business stands for
 * @param tone how the assistant should sound, in the business's words (e.g. "warm and concise")
 * @param fallbackMessage what to say when the assistant cannot help
 */
public record Grounding(
        String businessName,
        String description,
        List<String> rules,
        List<String> guidelines,
        List<String> values,
        String tone,
        String fallbackMessage) {

    public Grounding {
        Objects.requireNonNull(businessName, "businessName");
        description = description == null ? "" : description;
        rules = List.copyOf(rules);
        guidelines = List.copyOf(guidelines);
        values = List.copyOf(values);
        tone = tone == null ? "" : tone;
        Objects.requireNonNull(fallbackMessage, "fallbackMessage");
    }
}
