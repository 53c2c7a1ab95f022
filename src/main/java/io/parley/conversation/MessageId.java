package io.parley.conversation;

import io.parley.ids.TimeOrderedIds;

/** Identifies a message. Opaque to clients. */
public record MessageId(String value) {

    public MessageId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("message id must be 1 to 64 characters");
        }
    }

    /** A new id; ids made later sort later (see {@link TimeOrderedIds}). */
    public static MessageId generate() {
        return new MessageId(TimeOrderedIds.next());
    }

    @Override
    public String toString() {
        return value;
    }
}
