package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** An internal note of the team on a conversation; the customer never sees it. */
public record Note(
        String id,
        OrganizationId organization,
        ConversationId conversation,
        MessageAuthor author,
        String content,
        Instant createdAt) {

    public static final int MAX_LENGTH = 8000;

    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(author, "author");
        if (content == null || content.isBlank() || content.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a note is 1 to " + MAX_LENGTH + " characters");
        }
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    }
}
