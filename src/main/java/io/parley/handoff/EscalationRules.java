package io.parley.handoff;

import io.parley.handoff.Escalation.Reason;
import java.util.Optional;

/**
 * Decides, without a model, whether a customer's message hands the conversation to people. Pure: the same settings
 * and turn always give the same answer, and nothing is stored.
 *
 * <p>In order, the first that applies wins:
 *
 * <ol>
 *   <li>{@link Reason#ACCEPTED_OFFER}: the assistant's previous message offered a person and this is a short yes;
 *   <li>{@link Reason#CUSTOMER_ASKED}: the message asks for a person;
 *   <li>{@link Reason#KEYWORD}: the message mentions one of the organization's keywords;
 *   <li>{@link Reason#NEGATIVE_SENTIMENT}: this message is negative and ends a run of {@code negativeTurns};
 *   <li>{@link Reason#REPEATED_FALLBACK}: the assistant's last {@code fallbackTurns} replies were fallbacks.
 * </ol>
 *
 * The first two only when {@link EscalationSettings#askForPerson()} is on; a threshold of 0 turns its rule off.
 */
public final class EscalationRules {

    /** A compound score at or below this is negative (VADER's usual threshold). */
    public static final double NEGATIVE_AT_OR_BELOW = -0.05;

    private EscalationRules() {}

    public static boolean isNegative(double sentiment) {
        return sentiment <= NEGATIVE_AT_OR_BELOW;
    }

    /** Whether, and why, this customer turn hands the conversation to people. */
    public static Optional<Escalation> evaluate(EscalationSettings settings, CustomerTurn turn) {
        if (settings.askForPerson()) {
            PersonRequests people = PersonRequests.forLanguages(settings.languages());
            String previous = turn.previousAssistantText();
            if (previous != null && people.offersPerson(previous) && people.acceptsOffer(turn.text())) {
                return Optional.of(Escalation.of(Reason.ACCEPTED_OFFER));
            }
            if (people.asksForPerson(turn.text())) {
                return Optional.of(Escalation.of(Reason.CUSTOMER_ASKED));
            }
        }
        Optional<String> keyword = KeywordTrigger.of(settings.keywords()).find(turn.text());
        if (keyword.isPresent()) {
            return Optional.of(new Escalation(Reason.KEYWORD, keyword.get()));
        }
        if (settings.negativeTurns() > 0
                && isNegative(turn.sentiment())
                && turn.negativeRun() >= settings.negativeTurns()) {
            return Optional.of(new Escalation(Reason.NEGATIVE_SENTIMENT, String.valueOf(turn.negativeRun())));
        }
        return afterFallbacks(settings, turn.fallbackRun());
    }

    /**
     * Whether the assistant's run of fallback replies hands over by itself, for an engine that checks right after a
     * fallback reply rather than at the customer's next message.
     */
    public static Optional<Escalation> afterFallbacks(EscalationSettings settings, int fallbackRun) {
        if (settings.fallbackTurns() > 0 && fallbackRun >= settings.fallbackTurns()) {
            return Optional.of(new Escalation(Reason.REPEATED_FALLBACK, String.valueOf(fallbackRun)));
        }
        return Optional.empty();
    }
}
