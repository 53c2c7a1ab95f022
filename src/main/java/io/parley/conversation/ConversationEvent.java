package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.util.Objects;

/**
 * Something a customer's or a team member's screen must show, as it leaves the engine through
 * {@link ConversationEvents}. Events of one conversation are published in the order they happened.
 */
public sealed interface ConversationEvent {

    OrganizationId organization();

    ConversationId conversation();

    /**
     * A message joined the conversation: a customer's (once stored), a reply, a person's, or a notice.
     *
     * @param origin the listener on this node that sent it, which gets an acknowledgement instead; null for none. Not
     *     part of the event for other nodes.
     */
    record MessageAdded(Message message, ConversationListener origin) implements ConversationEvent {
        public MessageAdded {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public OrganizationId organization() {
            return message.organization();
        }

        @Override
        public ConversationId conversation() {
            return message.conversation();
        }
    }

    /** Someone is writing: the assistant (a reply is being generated), a person of the team, or the customer. */
    record Typing(OrganizationId organization, ConversationId conversation, MessageRole role, String name)
            implements ConversationEvent {}

    /** The next piece of the assistant's reply being written. Customers' screens only. */
    record ReplyDelta(OrganizationId organization, ConversationId conversation, MessageId reply, String text)
            implements ConversationEvent {}

    /** The pieces of a reply shown so far are withdrawn (it is written again, or replaced). Customers' screens only. */
    record ReplyRestarted(OrganizationId organization, ConversationId conversation, MessageId reply)
            implements ConversationEvent {}

    /**
     * Who handles the conversation changed.
     *
     * @param current the conversation as it is after the change
     * @param text what the customer is told, in words
     * @param agentName the display name of the person now handling it, or null
     * @param askContact whether the customer is asked to leave an email address (nobody can answer now)
     */
    record StatusChanged(Conversation current, StatusChange change, String text, String agentName, boolean askContact)
            implements ConversationEvent {
        @Override
        public OrganizationId organization() {
            return current.organization();
        }

        @Override
        public ConversationId conversation() {
            return current.id();
        }
    }

    /** An internal note. The team's screens only: never a customer's. */
    record NoteAdded(Note note) implements ConversationEvent {
        @Override
        public OrganizationId organization() {
            return note.organization();
        }

        @Override
        public ConversationId conversation() {
            return note.conversation();
        }
    }

    /** The customer rated the conversation, or left an email address to be reached at. The team's screens only. */
    record CustomerFeedback(
            OrganizationId organization, ConversationId conversation, ConversationRating rating, String contactEmail)
            implements ConversationEvent {}

    /** A change the assistant proposed waits for the customer's decision. Customers' screens only. */
    record ConfirmationRequested(PendingConfirmation confirmation) implements ConversationEvent {
        @Override
        public OrganizationId organization() {
            return confirmation.organization();
        }

        @Override
        public ConversationId conversation() {
            return confirmation.conversation();
        }
    }

    /** A tool is running for the assistant; {@code status} says what, in words. Customers' screens only. */
    record ToolRunning(OrganizationId organization, ConversationId conversation, String status)
            implements ConversationEvent {}
}
