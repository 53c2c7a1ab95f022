package io.parley.handoff;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the escalation rules look at when a customer's message arrives.
 *
 * @param text the customer's message
 * @param sentiment its sentiment compound score, from -1 (most negative) to 1; negative at or below {@value
 *     EscalationRules#NEGATIVE_AT_OR_BELOW}
 * @param previousAssistantText the assistant's message just before it, if any (to see whether it offered a person)
 * @param negativeRun how many of the customer's latest messages in a row were negative, this one included
 * @param fallbackRun how many of the assistant's latest replies in a row were fallbacks
 */
public record CustomerTurn(
        String text, double sentiment, @Nullable String previousAssistantText, int negativeRun, int fallbackRun) {

    public CustomerTurn {
        Objects.requireNonNull(text, "text");
        if (Double.isNaN(sentiment) || sentiment < -1 || sentiment > 1) {
            throw new IllegalArgumentException("a sentiment compound score is between -1 and 1");
        }
        if (negativeRun < 0 || fallbackRun < 0) {
            throw new IllegalArgumentException("runs are not negative");
        }
    }

    /** The turn for this message, with runs from the conversation's streaks after it ({@link Streaks}). */
    public static CustomerTurn of(
            String text, double sentiment, @Nullable String previousAssistantText, Streaks streaksIncludingIt) {
        return new CustomerTurn(
                text,
                sentiment,
                previousAssistantText,
                streaksIncludingIt.negativeMessages(),
                streaksIncludingIt.fallbacks());
    }
}
