package io.parley.actions;

import java.util.UUID;

/** Identifies one of an organization's HTTP actions. Opaque to clients. */
public record ActionId(String value) {

    public ActionId {
        if (value == null || value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("action id must be 1 to 64 characters");
        }
    }

    public static ActionId generate() {
        return new ActionId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
