package io.parley.conversation;

import java.util.UUID;

/** Identifies a message. Opaque to clients. */
public record MessageId(String value) {

    public MessageId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("message id must be 1 to 64 characters");
        }
    }

    public static MessageId generate() {
        return new MessageId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
