package io.parley.security;

import java.time.Duration;

/** Every password-hashing slot stayed taken for longer than the wait allows: try again after {@link #retryAfter()}. */
public class PasswordHashingBusyException extends RuntimeException {

    private final Duration retryAfter;

    public PasswordHashingBusyException(Duration retryAfter) {
        super("password hashing busy", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
