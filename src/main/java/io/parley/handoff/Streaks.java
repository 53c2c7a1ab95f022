package io.parley.handoff;

/**
 * The runs the escalation rules count, for one conversation: the customer's latest consecutive negative messages and
 * the assistant's latest consecutive fallback replies. A value; the engine keeps the current one with the
 * conversation and replaces it after every message.
 *
 * <p>Only the node that holds the conversation knows its streaks: after a restart, or on another node, they start
 * again from {@link #NONE} (or are recounted from the stored messages), which at worst delays a handoff by a few turns.
 *
 * @param negativeMessages the customer's latest messages in a row whose sentiment was negative
 * @param fallbacks the assistant's latest replies in a row that were its fallback (it could not answer)
 */
public record Streaks(int negativeMessages, int fallbacks) {

    public static final Streaks NONE = new Streaks(0, 0);

    public Streaks {
        if (negativeMessages < 0 || fallbacks < 0) {
            throw new IllegalArgumentException("streaks are not negative");
        }
    }

    /** After a customer message with this sentiment compound score: a negative one extends the run, any other ends it. */
    public Streaks afterCustomerMessage(double sentiment) {
        return new Streaks(EscalationRules.isNegative(sentiment) ? negativeMessages + 1 : 0, fallbacks);
    }

    /** After an assistant reply: a fallback extends the run, an answer ends it. */
    public Streaks afterAssistantReply(boolean fallback) {
        return new Streaks(negativeMessages, fallback ? fallbacks + 1 : 0);
    }
}
