package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where conversations and their messages are kept. Every read takes the organization explicitly and never returns
 * another organization's data. Implementations are thread-safe. Failures surface as {@link StoreUnavailableException}
 * (try again later) or {@link StoreConflictException} (this write can never succeed).
 */
public interface ConversationStore {

    void create(Conversation conversation);

    Optional<Conversation> find(OrganizationId organization, ConversationId id);

    /** The visitor's most recent conversation that is not resolved. */
    Optional<Conversation> latestOpenOfVisitor(OrganizationId organization, VisitorId visitor);

    /** The verified customer's most recent conversation that is not resolved, from whichever device. */
    Optional<Conversation> latestOpenOfCustomer(OrganizationId organization, String customerId);

    /** Messages with {@code seq > afterSeq}, in seq order, at most {@code limit}. */
    List<Message> messagesAfter(OrganizationId organization, ConversationId id, long afterSeq, int limit);

    /** The newest {@code limit} messages, in seq order. */
    List<Message> latestMessages(OrganizationId organization, ConversationId id, int limit);

    Optional<Message> messageByClientId(OrganizationId organization, ConversationId id, String clientMessageId);

    /** Every client message id stored in the conversation, so that duplicates can be told apart in memory. */
    Set<String> clientMessageIds(OrganizationId organization, ConversationId id);

    Optional<Message> message(OrganizationId organization, MessageId id);

    /** The assistant's reply to a customer message, once stored. */
    Optional<Message> replyTo(OrganizationId organization, ConversationId conversation, MessageId question);

    /**
     * Stores messages, in order, in one transaction, and moves each conversation's message count and last activity
     * forward. Messages may belong to different conversations and organizations.
     *
     * @throws StoreConflictException when a message would take a seq or client message id already stored
     */
    void appendAll(List<Message> messages);

    /**
     * One page of an organization's conversations that have at least one message, most recently active first.
     * {@code status} null means all.
     */
    ConversationPage list(OrganizationId organization, ConversationStatus status, int page, int size);

    /** The summary of the conversation's older turns, when one was written. */
    Optional<HistorySummary> summary(OrganizationId organization, ConversationId conversation);

    /** Records (or replaces) the summary of the conversation's older turns. */
    void saveSummary(OrganizationId organization, ConversationId conversation, HistorySummary summary);

    /**
     * Deletes conversations that never got a message and started before {@code before}, except those in
     * {@code keep} (open right now on this node).
     *
     * @return how many were deleted
     */
    int deleteEmpty(Instant before, Set<ConversationId> keep, int limit);

    /** Records (or replaces) a customer's rating of a message. */
    void saveFeedback(OrganizationId organization, MessageId message, Feedback feedback);

    /** The customer's ratings of the conversation's replies, by message. */
    java.util.Map<MessageId, Feedback> feedback(OrganizationId organization, ConversationId conversation);

    /**
     * Records a change of who handles a conversation: the conversation's status and assignee change and the change
     * joins its history, in one transaction.
     */
    void saveStatusChange(StatusChange change);

    /** Every change of who handled the conversation, oldest first. */
    List<StatusChange> statusChanges(OrganizationId organization, ConversationId conversation);

    /**
     * The conversations people handle or should ({@code waiting_for_agent} and {@code agent}), the longest quiet
     * first, at most {@code limit}.
     */
    List<Conversation> withPeople(OrganizationId organization, int limit);

    /** The customer's (or, for anonymous visitors, the visitor's) other conversations, newest first. */
    List<Conversation> earlierOf(OrganizationId organization, Conversation conversation, int limit);

    void saveNote(Note note);

    /** The team's notes on a conversation, oldest first. */
    List<Note> notes(OrganizationId organization, ConversationId conversation);

    /** Records (or replaces) the customer's rating of the conversation. */
    void saveRating(OrganizationId organization, ConversationId conversation, ConversationRating rating);

    Optional<ConversationRating> rating(OrganizationId organization, ConversationId conversation);

    /** Records the email address the customer left to be reached at. */
    void saveContact(OrganizationId organization, ConversationId conversation, String email);

    Optional<String> contact(OrganizationId organization, ConversationId conversation);

    /** A page of conversations and the total number matching. */
    record ConversationPage(List<Conversation> items, long total) {}

    /** The organization's conversations of a verified customer (by their id) or of a visitor (by the visitor id). */
    List<Conversation> ofCustomer(OrganizationId organization, String customerOrVisitor);

    /**
     * Erases the conversations and everything of them the engine keeps (messages, feedback, summaries, status
     * changes, notes, ratings, tool calls and confirmations), in one transaction; how many conversations were.
     */
    int erase(OrganizationId organization, List<ConversationId> conversations);
}
