package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation. {@code seq} counts from 1 in each conversation, without gaps, in the order messages
 * were stored.
 *
 * @param clientMessageId the sender's idempotency key for a customer message, or null
 * @param replyTo for an assistant's reply, the customer message it answers; otherwise null
 * @param promptVersion for an assistant's reply, the profile version whose prompt it used; otherwise null
 * @param model for an assistant's reply, the model that wrote it ("fallback" when none could); otherwise null
 * @param author for a person's message (role agent), the member who wrote it and the name the customer sees; otherwise
 *     null
 * @param sentiment for a customer's message, its sentiment (VADER compound score, -1 to 1); otherwise null
 */
public record Message(
        MessageId id,
        OrganizationId organization,
        ConversationId conversation,
        long seq,
        MessageRole role,
        String content,
        Instant createdAt,
        String clientMessageId,
        MessageId replyTo,
        Integer promptVersion,
        String model,
        List<Citation> citations,
        MessageAuthor author,
        Double sentiment) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(conversation, "conversation");
        if (seq < 1) {
            throw new IllegalArgumentException("seq counts from 1");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        // Kept to the microsecond, as databases store it, so a message reads the same live and from the store.
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        citations = citations == null ? List.of() : List.copyOf(citations);
        if (sentiment != null && !(sentiment >= -1 && sentiment <= 1)) {
            throw new IllegalArgumentException("sentiment is between -1 and 1");
        }
    }

    /** A message without an author or a sentiment. */
    public Message(
            MessageId id,
            OrganizationId organization,
            ConversationId conversation,
            long seq,
            MessageRole role,
            String content,
            Instant createdAt,
            String clientMessageId,
            MessageId replyTo,
            Integer promptVersion,
            String model,
            List<Citation> citations) {
        this(
                id,
                organization,
                conversation,
                seq,
                role,
                content,
                createdAt,
                clientMessageId,
                replyTo,
                promptVersion,
                model,
                citations,
                null,
                null);
    }
}
