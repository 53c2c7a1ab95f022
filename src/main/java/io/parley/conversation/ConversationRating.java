package io.parley.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The customer's rating of a resolved conversation: 1 to 5, and an optional comment. */
public record ConversationRating(int score, String comment, Instant at) {

    public static final int MAX_COMMENT = 2000;

    public ConversationRating {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("a rating is 1 to 5");
        }
        if (comment != null && comment.isBlank()) {
            comment = null;
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new IllegalArgumentException("a comment is at most " + MAX_COMMENT + " characters");
        }
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    }
}
