package io.parley.tenant;

import java.time.Duration;

/** Too many failed sign-ins for an email or from an address: refused until {@link #retryAfter()} passes. */
public class LoginThrottledException extends RuntimeException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("login throttled", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
