package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A change the model asked for, waiting for the customer's decision. It holds everything the turn needs to go on
 * (the customer's question, the turn's tool calls and results so far), so a restart in between loses nothing.
 *
 * @param id what the customer's decision names; random, so it cannot be guessed
 * @param question the customer message the turn answers
 * @param toolCallId the model's id for the call, which the result must repeat
 * @param arguments the validated arguments (JSON object text)
 * @param summary what the customer is asked to confirm, in words
 * @param turn the turn's model messages so far (see {@link TurnMessages}), ending with the call
 */
public record PendingConfirmation(
        String id,
        OrganizationId organization,
        ConversationId conversation,
        MessageId question,
        String toolCallId,
        String tool,
        String arguments,
        String summary,
        String turn,
        Instant createdAt) {

    public PendingConfirmation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(toolCallId, "toolCallId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(turn, "turn");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    }
}
