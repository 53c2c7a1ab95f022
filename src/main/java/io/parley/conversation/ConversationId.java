package io.parley.conversation;

import java.util.UUID;

/** Identifies a conversation. Opaque to clients. */
public record ConversationId(String value) {

    public ConversationId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("conversation id must be 1 to 64 characters");
        }
    }

    public static ConversationId generate() {
        return new ConversationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
