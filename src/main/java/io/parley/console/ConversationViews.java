package io.parley.console;

import io.parley.conversation.Citation;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationRating;
import io.parley.conversation.ConversationStatus;
import io.parley.conversation.Customer;
import io.parley.conversation.Feedback;
import io.parley.conversation.HandoffPolicy;
import io.parley.conversation.Message;
import io.parley.conversation.StatusChange;
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
    /**
     * One message of the transcript. {@code mood} is a customer message's sentiment in words; {@code feedback} the
     * customer's thumbs on a reply ("Helpful", "Not helpful"), with their comment.
     */
    record Entry(
            long seq,
            String role,
            String author,
            String content,
            When at,
            String source,
            boolean fallback,
            String mood,
            String feedback,
            String feedbackComment,
            List<Cited> sources) {

        static final String FALLBACK_MODEL = "fallback";

        static Entry of(Message m) {
            return of(m, null);
        }

        static Entry of(Message m, Feedback feedback) {
            String role = m.role().wireName();
            String thumbs =
                    feedback == null ? null : feedback.rating() == Feedback.Rating.UP ? "Helpful" : "Not helpful";
            String comment = feedback == null ? null : feedback.comment();
            return switch (m.role()) {
                case CUSTOMER ->
                    new Entry(
                            m.seq(),
                            role,
                            "Customer",
                            m.content(),
                            When.of(m.createdAt()),
                            null,
                            false,
                            mood(m.sentiment()),
                            null,
                            null,
                            List.of());
                case AGENT ->
                    new Entry(
                            m.seq(),
                            role,
                            m.author() == null ? "Agent" : m.author().name() + " (team)",
                            m.content(),
                            When.of(m.createdAt()),
                            null,
                            false,
                            null,
                            thumbs,
                            comment,
                            List.of());
                case SYSTEM ->
                    new Entry(
                            m.seq(),
                            role,
                            "Notice",
                            m.content(),
                            When.of(m.createdAt()),
                            null,
                            false,
                            null,
                            null,
                            null,
                            List.of());
                case ASSISTANT -> {
                    boolean fallback = FALLBACK_MODEL.equals(m.model());
                    String version = m.promptVersion() == null ? "" : "Prompt v" + m.promptVersion() + " · ";
                    String source = version
                            + (fallback
                                    ? "Fallback message (no model could answer)"
                                    : "Model " + (m.model() == null ? "unknown" : m.model()));
                    yield new Entry(
                            m.seq(),
                            role,
                            "Assistant",
                            m.content(),
                            When.of(m.createdAt()),
                            source,
                            fallback,
                            null,
                            thumbs,
                            comment,
                            m.citations().stream().map(Cited::of).toList());
                }
            };
        }

        /** A customer message's sentiment in words, as the escalation trigger reads it. */
        static String mood(Double sentiment) {
            if (sentiment == null) {
                return null;
            }
            if (sentiment <= HandoffPolicy.NEGATIVE) {
                return "Negative";
            }
            return sentiment >= -HandoffPolicy.NEGATIVE ? "Positive" : "Neutral";
        }
    }

    /**
     * A source a reply used, as the console lists it under the reply: the marker the reply's text points at it with
     * ({@code [1]}), its title, a link when it has a web address, and the passage's start.
     *
     * @param link the source's address when it is an http(s) one; null otherwise (nothing else becomes a link)
     */
    record Cited(String ref, String title, String link, String snippet) {

        static Cited of(Citation citation) {
            return new Cited(
                    citation.ref(),
                    citation.title(),
                    KnowledgeViews.webLink(citation.url()),
                    citation.snippet() == null ? "" : citation.snippet());
        }
    }

    /** A change of who handled the conversation, in words for the team. */
    record Change(String text, String detail, When at) {
        static Change of(StatusChange c) {
            String who = c.actor().isMember()
                    ? c.actor().name()
                    : switch (c.actor().id()) {
                        case "customer" -> "The customer";
                        case "assistant" -> "The assistant";
                        default -> "Parley";
                    };
            String what =
                    switch (c.to()) {
                        case WAITING_FOR_AGENT ->
                            "sent it to the team (" + c.reason().replace('_', ' ') + ")";
                        case AGENT -> c.reason().equals("assigned") ? "assigned it" : "took it";
                        case BOT ->
                            c.reason().equals("reopened")
                                    ? "reopened it by writing again"
                                    : "handed it back to the assistant";
                        case RESOLVED -> "resolved it";
                    };
            return new Change(who + " " + what, c.detail(), When.of(c.at()));
        }
    }

    /** The customer's rating of the conversation. */
    record Rating(int score, String stars, String comment, When at) {
        static Rating of(ConversationRating r) {
            return new Rating(
                    r.score(), "★".repeat(r.score()) + "☆".repeat(5 - r.score()), r.comment(), When.of(r.at()));
        }
    }
}
