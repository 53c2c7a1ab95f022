package io.parley.conversation;

import java.time.Instant;
import java.util.Objects;

/** A customer's rating of an assistant's reply. {@code comment} may be null. */
public record Feedback(Rating rating, String comment, Instant at) {

    public enum Rating {
        UP,
        DOWN
    }

    public Feedback {
        Objects.requireNonNull(rating, "rating");
        Objects.requireNonNull(at, "at");
    }
}
