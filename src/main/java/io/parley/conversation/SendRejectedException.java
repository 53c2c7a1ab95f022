package io.parley.conversation;

import java.time.Duration;
import java.util.Optional;

/** A customer message that was not accepted; nothing of it was stored. */
public class SendRejectedException extends RuntimeException {

    public enum Reason {
        /** The message is empty. */
        EMPTY,
        /** The message is longer than {@link ChatSettings#MAX_MESSAGE_LENGTH}. */
        TOO_LONG,
        /** The client message id is longer than 100 characters. */
        BAD_CLIENT_ID,
        /** The customer is sending faster than the conversation's rate limit. */
        RATE_LIMITED,
        /** Messages cannot be stored right now (the server is stopping or its store is away). */
        UNAVAILABLE
    }

    private final Reason reason;
    private final Duration retryAfter;

    public SendRejectedException(Reason reason, Duration retryAfter) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
