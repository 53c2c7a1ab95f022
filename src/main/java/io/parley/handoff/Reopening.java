package io.parley.handoff;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** When the team is back, as a customer reads it: "today at 14:00 (Europe/Berlin)". English only for now. */
final class Reopening {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

    private Reopening() {}

    static String phrase(ZonedDateTime now, ZonedDateTime opening) {
        long days = ChronoUnit.DAYS.between(now.toLocalDate(), opening.toLocalDate());
        String day;
        if (days == 0) {
            day = "today";
        } else if (days == 1) {
            day = "tomorrow";
        } else if (days < 7) {
            day = opening.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        } else {
            day = opening.format(DAY_MONTH);
        }
        return "%s at %s (%s)"
                .formatted(day, opening.format(HH_MM), opening.getZone().getId());
    }
}
