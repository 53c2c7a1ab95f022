package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The organization's rules for handing a conversation from the assistant to people, decided by the platform itself
 * (not left to the model): a customer asking for a person, a run of negative messages, repeated fallbacks, listed
 * keywords; and what the customer is told when their conversation starts waiting (business hours, who is online).
 *
 * <p>Called under a conversation's lock: implementations answer from memory (cached settings), quickly, and never
 * call back into the engine. Thread-safe.
 */
public interface HandoffPolicy {

    /** A customer message whose sentiment is at most this counts as negative (VADER's threshold). */
    double NEGATIVE = -0.05;

    /**
     * Whether a customer's message, to a conversation the assistant handles, goes to people.
     *
     * @param negativeRun how many of the customer's latest messages in a row were negative, this one included
     * @param lastAssistantText the assistant's message just before it (to recognise a "yes" to its offer of a
     *     person), or null
     */
    Optional<Handoff> review(OrganizationId organization, Message message, int negativeRun, String lastAssistantText);

    /** Whether the assistant's fallback replies in a row ({@code fallbackRun}) hand the conversation to people. */
    Optional<Handoff> afterFallbacks(OrganizationId organization, int fallbackRun);

    /** What the customer is told as their conversation starts waiting for a person. */
    Waiting waiting(OrganizationId organization, Instant now);

    /**
     * A person took a waiting conversation after {@code waited}: what "usual wait" tells the next customers. Called
     * under the conversation's lock; implementations only note it.
     */
    default void answered(OrganizationId organization, java.time.Duration waited) {}

    /**
     * Why a conversation goes to people.
     *
     * @param reason a lower-snake name recorded with the change ({@code customer_asked}, {@code keyword}, …)
     * @param detail more for the team (the keyword that matched), or null
     */
    record Handoff(String reason, String detail) {
        public Handoff {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param text the words for the customer ("Connecting you with our team, usual wait about 3 minutes.")
     * @param askContact whether nobody can answer now and the customer is asked for an email address
     */
    record Waiting(String text, boolean askContact) {
        public Waiting {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Never hands over on its own; the customer is told someone will answer soon. For tests and tools. */
    HandoffPolicy NEVER = new HandoffPolicy() {
        @Override
        public Optional<Handoff> review(
                OrganizationId organization, Message message, int negativeRun, String lastAssistantText) {
            return Optional.empty();
        }

        @Override
        public Optional<Handoff> afterFallbacks(OrganizationId organization, int fallbackRun) {
            return Optional.empty();
        }

        @Override
        public Waiting waiting(OrganizationId organization, Instant now) {
            return new Waiting("Connecting you with our team. Someone will answer here shortly.", false);
        }
    };
}
