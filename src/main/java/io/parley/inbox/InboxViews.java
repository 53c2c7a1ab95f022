package io.parley.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationRating;
import io.parley.conversation.HandoffPolicy;
import io.parley.conversation.Message;
import io.parley.conversation.MessageAuthor;
import io.parley.conversation.Note;
import io.parley.conversation.StatusChange;
import java.time.Instant;
import java.util.List;

/** What the inbox shows, over REST and {@code /ws/agent} alike. */
public final class InboxViews {

    private InboxViews() {}

    /** A conversation in the inbox's list. {@code customer} is null for an anonymous visitor. */
    public record Item(
            String id,
            String status,
            Person customer,
            String visitorId,
            Member assignee,
            Instant startedAt,
            Instant lastMessageAt,
            long messageCount) {

        public static Item of(Conversation c, Member assignee) {
            return new Item(
                    c.id().value(),
                    c.status().wireName(),
                    c.customer() == null
                            ? null
                            : new Person(
                                    c.customer().id(),
                                    c.customer().email(),
                                    c.customer().name()),
                    c.visitor().value(),
                    assignee,
                    c.startedAt(),
                    c.lastMessageAt(),
                    c.messageCount());
        }
    }

    /** A verified customer, as the business identified them. */
    public record Person(String id, String email, String name) {}

    public record Member(String id, String name) {
        public static Member of(MessageAuthor author) {
            return author == null ? null : new Member(author.id().value(), author.name());
        }
    }

    /**
     * A message as the team sees it: a person's with their name, a customer's with its sentiment (-1 to 1) and its
     * label ({@code negative}, {@code neutral}, {@code positive}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageItem(
            String id,
            String conversationId,
            long seq,
            String role,
            String content,
            Instant createdAt,
            String author,
            Double sentiment,
            String mood) {

        public static MessageItem of(Message m) {
            return new MessageItem(
                    m.id().value(),
                    m.conversation().value(),
                    m.seq(),
                    m.role().wireName(),
                    m.content(),
                    m.createdAt(),
                    m.author() == null ? null : m.author().name(),
                    m.sentiment(),
                    m.sentiment() == null ? null : InboxViews.mood(m.sentiment()));
        }
    }

    static String mood(double sentiment) {
        if (sentiment <= HandoffPolicy.NEGATIVE) {
            return "negative";
        }
        return sentiment >= -HandoffPolicy.NEGATIVE ? "positive" : "neutral";
    }

    public record NoteItem(String id, String conversationId, String author, String content, Instant createdAt) {
        public static NoteItem of(Note n) {
            return new NoteItem(n.id(), n.conversation().value(), n.author().name(), n.content(), n.createdAt());
        }
    }

    /** One change of who handled the conversation: {@code actor} is a member's name, or customer/assistant/platform. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String from, String to, String reason, String detail, String actor, Instant at) {
        public static Change of(StatusChange c) {
            return new Change(
                    c.from().wireName(),
                    c.to().wireName(),
                    c.reason(),
                    c.detail(),
                    c.actor().isMember() ? c.actor().name() : c.actor().id(),
                    c.at());
        }
    }

    public record Rating(int score, String comment, Instant at) {
        public static Rating of(ConversationRating r) {
            return r == null ? null : new Rating(r.score(), r.comment(), r.at());
        }
    }

    /**
     * The customer beside the conversation: who they are (verified identity, or an anonymous visitor), their other
     * conversations, the email they left, how they rated this one, and the mood of their messages on average.
     */
    public record Context(
            Person customer,
            String visitorId,
            List<Item> earlier,
            String contactEmail,
            Rating rating,
            Double averageSentiment,
            String mood) {}

    /** One conversation opened in the inbox. */
    public record Detail(
            Item conversation,
            List<MessageItem> messages,
            List<NoteItem> notes,
            List<Change> history,
            Context context) {}
}
