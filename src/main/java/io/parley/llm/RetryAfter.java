package io.parley.llm;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} header, as every provider that throttles over HTTP sends it. */
public final class RetryAfter {

    private RetryAfter() {}

    /** Retry-After as delay-seconds or as an HTTP date (RFC 9110 §10.2.3); empty when unreadable. */
    public static Optional<Duration> parse(String value, Clock clock) {
        String trimmed = value.strip();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
