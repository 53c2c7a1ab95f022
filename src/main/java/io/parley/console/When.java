package io.parley.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A moment as pages show it: ISO-8601 for the {@code <time datetime>} attribute (the browser rewrites the text in the
 * member's own time zone) and a readable UTC text for when scripts do not run.
 */
record When(String iso, String text) {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    static When of(Instant instant) {
        return new When(instant.toString(), TEXT.format(instant));
    }
}
