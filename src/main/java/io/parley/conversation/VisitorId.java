package io.parley.conversation;

import java.util.UUID;

/** Identifies a visitor. Opaque to clients. */
public record VisitorId(String value) {

    public VisitorId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("visitor id must be 1 to 64 characters");
        }
    }

    public static VisitorId generate() {
        return new VisitorId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
