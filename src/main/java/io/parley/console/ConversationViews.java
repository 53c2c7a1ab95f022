package io.parley.console;

import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationStatus;
import io.parley.conversation.Customer;
import io.parley.conversation.Message;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** How conversations and their messages read on the console's pages. */
final class ConversationViews {

    private ConversationViews() {}

    /** Who a conversation is with: a verified customer by name or email, or an anonymous visitor by a short id. */
    record Who(String name, String detail, boolean verified) {

        static Who of(Conversation conversation) {
            Customer customer = conversation.customer();
            if (customer == null) {
                String visitor = conversation.visitor().value();
                return new Who("Visitor", "#" + visitor.substring(0, Math.min(8, visitor.length())), false);
            }
            if (customer.name() != null) {
                return new Who(
                        customer.name(), customer.email() != null ? customer.email() : "ID " + customer.id(), true);
            }
            return new Who(
                    customer.email() != null ? customer.email() : "Customer " + customer.id(),
                    "ID " + customer.id(),
                    true);
        }
    }

    /** A status as a label and the wire name its badge is styled by. */
    record Status(String name, String label) {

        static Status of(ConversationStatus status) {
            String label =
                    switch (status) {
                        case BOT -> "Assistant";
                        case WAITING_FOR_AGENT -> "Waiting for agent";
                        case AGENT -> "With agent";
                        case RESOLVED -> "Resolved";
                    };
            return new Status(status.wireName(), label);
        }
    }

    /** One line of the conversation list. */
    record Row(String id, Who who, Status status, When started, When lastActivity, long messages) {

        static Row of(Conversation c) {
            return new Row(
                    c.id().value(),
                    Who.of(c),
                    Status.of(c.status()),
                    When.of(c.startedAt()),
                    When.of(c.lastMessageAt()),
                    c.messageCount());
        }

        /**
         * The row of a conversation whose messages are at hand. Count and last activity come from the messages:
         * the engine's snapshot of a conversation that is live in memory does not follow them.
         */
        static Row of(Conversation c, List<Message> messages) {
            Instant last = messages.isEmpty()
                    ? c.lastMessageAt()
                    : Collections.max(
                            List.of(c.lastMessageAt(), messages.getLast().createdAt()));
            return new Row(
                    c.id().value(),
                    Who.of(c),
                    Status.of(c.status()),
                    When.of(c.startedAt()),
                    When.of(last),
                    Math.max(c.messageCount(), messages.size()));
        }
    }

    /**
     * One message of a transcript. {@code source} says, for an assistant's reply, which prompt version and model
     * wrote it, or that the fallback message was sent; null for other messages.
     */
    record Entry(long seq, String role, String author, String content, When at, String source, boolean fallback) {

        static final String FALLBACK_MODEL = "fallback";

        static Entry of(Message m) {
            String role = m.role().wireName();
            return switch (m.role()) {
                case CUSTOMER -> new Entry(m.seq(), role, "Customer", m.content(), When.of(m.createdAt()), null, false);
                case AGENT -> new Entry(m.seq(), role, "Agent", m.content(), When.of(m.createdAt()), null, false);
                case SYSTEM -> new Entry(m.seq(), role, "System", m.content(), When.of(m.createdAt()), null, false);
                case ASSISTANT -> {
                    boolean fallback = FALLBACK_MODEL.equals(m.model());
                    String version = m.promptVersion() == null ? "" : "Prompt v" + m.promptVersion() + " · ";
                    String source = version
                            + (fallback
                                    ? "Fallback message (no model could answer)"
                                    : "Model " + (m.model() == null ? "unknown" : m.model()));
                    yield new Entry(m.seq(), role, "Assistant", m.content(), When.of(m.createdAt()), source, fallback);
                }
            };
        }
    }
}
