package io.parley.handoff;

/**
 * One entry of the weekly schedule as members type it and the API carries it: {@code day} is a lower-case English day
 * name ({@code monday} … {@code sunday}; other cases are accepted), {@code open} and {@code close} are {@code HH:mm} on
 * a 24-hour clock, and {@code close} may be {@code 24:00} (or {@code 00:00}) for midnight at the end of the day.
 */
public record DayHours(String day, String open, String close) {

    public static DayHours of(OpeningInterval interval) {
        return new DayHours(interval.dayName(), interval.openText(), interval.closeText());
    }
}
