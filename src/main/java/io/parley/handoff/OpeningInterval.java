package io.parley.handoff;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * One stretch of a weekday when people answer, in the organization's time zone: from {@code open} (included) to
 * {@code close} (excluded). A {@code close} of {@link LocalTime#MIDNIGHT} means the end of the day ("24:00"). Hours
 * that run past midnight are two intervals, one on each day.
 */
public record OpeningInterval(DayOfWeek day, LocalTime open, LocalTime close) {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    public OpeningInterval {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        if (open.getSecond() != 0 || open.getNano() != 0 || close.getSecond() != 0 || close.getNano() != 0) {
            throw new IllegalArgumentException("opening hours are in whole minutes");
        }
        if (!close.equals(LocalTime.MIDNIGHT) && !close.isAfter(open)) {
            throw new IllegalArgumentException("an interval closes after it opens");
        }
    }

    /** Whether it runs to the end of the day ("24:00"). */
    public boolean closesAtMidnight() {
        return close.equals(LocalTime.MIDNIGHT);
    }

    /** Whether people answer at this time of its day. */
    public boolean contains(LocalTime time) {
        return !time.isBefore(open) && (closesAtMidnight() || time.isBefore(close));
    }

    boolean overlaps(OpeningInterval other) {
        return day == other.day && startMinute() < other.endMinute() && other.startMinute() < endMinute();
    }

    int startMinute() {
        return open.getHour() * 60 + open.getMinute();
    }

    int endMinute() {
        return closesAtMidnight() ? 24 * 60 : close.getHour() * 60 + close.getMinute();
    }

    /** The day on the wire: {@code monday} … {@code sunday}. */
    public String dayName() {
        return day.name().toLowerCase(Locale.ROOT);
    }

    /** The opening time on the wire, {@code HH:mm}. */
    public String openText() {
        return open.format(HH_MM);
    }

    /** The closing time on the wire, {@code HH:mm}, or {@code 24:00} for the end of the day. */
    public String closeText() {
        return closesAtMidnight() ? "24:00" : close.format(HH_MM);
    }

    @Override
    public String toString() {
        return dayName() + " " + openText() + "–" + closeText();
    }
}
