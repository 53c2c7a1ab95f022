package io.parley.tenant;

import java.time.Duration;

/** Too many sign-ups from one address lately: the next one is accepted after {@link #retryAfter()}. */
public class SignUpThrottledException extends RuntimeException {

    private final Duration retryAfter;

    public SignUpThrottledException(Duration retryAfter) {
        super("sign-up throttled", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
