package io.parley.conversation;

import io.parley.tenant.MemberId;
import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A conversation between one organization's assistant (or its people) and one customer.
 *
 * @param customer the verified customer it is bound to, or null for an anonymous visitor's conversation
 * @param messageCount how many messages are stored; equal to the highest {@code seq}
 * @param assignee the member handling it while people do, or null
 */
public record Conversation(
        ConversationId id,
        OrganizationId organization,
        VisitorId visitor,
        Customer customer,
        ConversationStatus status,
        Instant startedAt,
        Instant lastMessageAt,
        long messageCount,
        MemberId assignee) {

    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(status, "status");
        // Kept to the microsecond, as databases store it.
        startedAt = Objects.requireNonNull(startedAt, "startedAt").truncatedTo(ChronoUnit.MICROS);
        lastMessageAt = Objects.requireNonNull(lastMessageAt, "lastMessageAt").truncatedTo(ChronoUnit.MICROS);
    }

    /** A conversation nobody is assigned to. */
    public Conversation(
            ConversationId id,
            OrganizationId organization,
            VisitorId visitor,
            Customer customer,
            ConversationStatus status,
            Instant startedAt,
            Instant lastMessageAt,
            long messageCount) {
        this(id, organization, visitor, customer, status, startedAt, lastMessageAt, messageCount, null);
    }

    /** Whether the assistant answers the customer now: only while no person handles the conversation. */
    public boolean assistantAnswers() {
        return status == ConversationStatus.BOT || status == ConversationStatus.RESOLVED;
    }
}
