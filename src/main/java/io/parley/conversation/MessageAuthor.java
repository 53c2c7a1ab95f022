package io.parley.conversation;

import io.parley.tenant.MemberId;
import java.util.Objects;

/** The member who wrote a person's message, and the display name the customer sees with it. */
public record MessageAuthor(MemberId id, String name) {

    public MessageAuthor {
        Objects.requireNonNull(id, "id");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("an author's name is 1 to 200 characters");
        }
    }
}
