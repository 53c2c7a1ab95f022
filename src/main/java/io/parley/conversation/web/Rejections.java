package io.parley.conversation.web;

import io.parley.conversation.ChatSettings;
import io.parley.conversation.SendRejectedException;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import java.time.Duration;
import java.util.List;

/** How a refused customer message is explained, the same over REST and WebSocket. */
final class Rejections {

    private Rejections() {}

    static ProblemException problem(SendRejectedException e) {
        return switch (e.reason()) {
            case EMPTY -> ProblemException.invalid("message", "The message is empty.");
            case TOO_LONG ->
                new ProblemException(
                        ProblemType.MESSAGE_TOO_LONG,
                        "A message can have at most " + String.format("%,d", ChatSettings.MAX_MESSAGE_LENGTH)
                                + " characters.",
                        List.of(new ProblemException.FieldError("message", "is longer than 4,000 characters")),
                        null);
            case BAD_CLIENT_ID -> ProblemException.invalid("clientMessageId", "must be 1 to 100 characters");
            case RATE_LIMITED ->
                ProblemType.RATE_LIMITED.exception(
                        "You are sending messages faster than we can read them. Wait "
                                + seconds(e.retryAfter().orElse(Duration.ofSeconds(1)))
                                + " before sending the next one.",
                        e.retryAfter().orElse(Duration.ofSeconds(1)));
            case UNAVAILABLE -> notSaved(e.retryAfter().orElse(Duration.ofSeconds(5)));
        };
    }

    static ProblemException notSaved(Duration retryAfter) {
        return ProblemType.UNAVAILABLE.exception(
                "We could not save your message just now. Please send it again in a moment.", retryAfter);
    }

    static ProblemException notSavedYet() {
        return ProblemType.UNAVAILABLE.exception(
                "Your message is not saved yet. We keep trying and will confirm it as soon as it is.",
                Duration.ofSeconds(5));
    }

    private static String seconds(Duration wait) {
        long s = Math.max(1, (wait.toMillis() + 999) / 1000);
        return s == 1 ? "a second" : s + " seconds";
    }
}
