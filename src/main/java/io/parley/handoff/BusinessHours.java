package io.parley.handoff;

import io.parley.handoff.InvalidSettingsException.Problem;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When the organization's people answer: weekly opening intervals and holidays, in one IANA time zone.
 *
 * <ul>
 *   <li>A weekday with no interval is closed; a day may have up to {@value #MAX_INTERVALS_PER_DAY} intervals that do
 *       not overlap (a lunch break is two intervals).
 *   <li>An empty weekly list means no schedule: open around the clock, except on holidays ({@link #ALWAYS} has no
 *       holidays either).
 *   <li>A holiday is a date in the organization's time zone, closed all day.
 *   <li>Hours that run past midnight are two intervals (until 24:00, and from 00:00 the next day); there is no
 *       overnight interval.
 * </ul>
 *
 * Weekly intervals come out sorted by day and time, holidays sorted and without repeats. Immutable.
 */
public record BusinessHours(ZoneId timeZone, List<OpeningInterval> weekly, List<LocalDate> holidays) {

    public static final int MAX_INTERVALS_PER_DAY = 4;
    public static final int MAX_HOLIDAYS = 366;

    /** How far ahead {@link #nextOpening(Instant)} looks: a year of holidays and then some. */
    static final int SEARCH_DAYS = 370;

    /** No schedule configured: always open. */
    public static final BusinessHours ALWAYS = new BusinessHours(ZoneId.of("UTC"), List.of(), List.of());

    public BusinessHours {
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(weekly, "weekly");
        Objects.requireNonNull(holidays, "holidays");
        List<Problem> problems = new ArrayList<>(scheduleProblems(weekly));
        List<LocalDate> dates = holidays.stream()
                .map(date -> Objects.requireNonNull(date, "holiday"))
                .distinct()
                .sorted()
                .toList();
        if (dates.size() > MAX_HOLIDAYS) {
            problems.add(new Problem(
                    "holidays",
                    "There are %d holidays; there can be at most %d.".formatted(dates.size(), MAX_HOLIDAYS)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        weekly = weekly.stream()
                .sorted(Comparator.comparing(OpeningInterval::day).thenComparing(OpeningInterval::open))
                .toList();
        holidays = dates;
    }

    /** Overlapping intervals and days with too many, named as {@code weekly[i]} and {@code weekly}. */
    static List<Problem> scheduleProblems(List<OpeningInterval> weekly) {
        List<Problem> problems = new ArrayList<>();
        Map<DayOfWeek, List<OpeningInterval>> byDay = new EnumMap<>(DayOfWeek.class);
        for (int i = 0; i < weekly.size(); i++) {
            OpeningInterval interval = Objects.requireNonNull(weekly.get(i), "weekly interval");
            List<OpeningInterval> sameDay = byDay.computeIfAbsent(interval.day(), d -> new ArrayList<>());
            for (OpeningInterval other : sameDay) {
                if (interval.overlaps(other)) {
                    problems.add(new Problem(
                            "weekly[" + i + "]",
                            "%s overlaps %s on the same day."
                                    .formatted(interval, other.openText() + "–" + other.closeText())));
                }
            }
            sameDay.add(interval);
        }
        byDay.forEach((day, intervals) -> {
            if (intervals.size() > MAX_INTERVALS_PER_DAY) {
                problems.add(new Problem(
                        "weekly",
                        "%s has %d entries; a day can have at most %d."
                                .formatted(
                                        day.name().toLowerCase(Locale.ROOT), intervals.size(), MAX_INTERVALS_PER_DAY)));
            }
        });
        return problems;
    }

    /**
     * Business hours from what a member typed: a time zone name, weekly entries and ISO dates.
     *
     * @throws InvalidSettingsException naming every field that is wrong ({@code timeZone}, {@code weekly[1].close},
     *     {@code holidays[0]}, …)
     */
    public static BusinessHours parse(String timeZone, List<DayHours> weekly, List<String> holidays) {
        return HoursParser.parse(timeZone, weekly, holidays);
    }

    /** The IANA time zone with this name, ignoring case; empty for anything else (offsets like +02:00 included). */
    public static Optional<ZoneId> timeZoneNamed(String name) {
        return HoursParser.zone(name);
    }

    /** Whether there is no weekly schedule: open around the clock except on holidays. */
    public boolean aroundTheClock() {
        return weekly.isEmpty();
    }

    /** The weekly schedule as the API carries it. */
    public List<DayHours> weeklyText() {
        return weekly.stream().map(DayHours::of).toList();
    }

    /** Whether people answer at this instant. */
    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(timeZone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        if (weekly.isEmpty()) {
            return true;
        }
        for (OpeningInterval interval : weekly) {
            if (interval.day() == local.getDayOfWeek() && interval.contains(local.toLocalTime())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The earliest moment at or after {@code now} when people answer, in the organization's time zone: {@code now}
     * itself while open. Holidays are skipped. Empty when nothing opens within {@value #SEARCH_DAYS} days.
     */
    public Optional<ZonedDateTime> nextOpening(Instant now) {
        if (isOpen(now)) {
            return Optional.of(now.atZone(timeZone));
        }
        LocalDate today = now.atZone(timeZone).toLocalDate();
        for (int d = 0; d <= SEARCH_DAYS; d++) {
            LocalDate date = today.plusDays(d);
            if (holidays.contains(date)) {
                continue;
            }
            if (weekly.isEmpty()) {
                return Optional.of(date.atStartOfDay(timeZone));
            }
            for (OpeningInterval interval : weekly) {
                if (interval.day() != date.getDayOfWeek()) {
                    continue;
                }
                // In a spring-forward gap ZonedDateTime moves the time forward; if that lands past the close, the
                // interval never opens that day, which isOpen confirms.
                ZonedDateTime start = ZonedDateTime.of(date, interval.open(), timeZone);
                if (!start.toInstant().isAfter(now)) {
                    // In a fall-back overlap the opening time comes twice; the second may still be ahead.
                    start = start.withLaterOffsetAtOverlap();
                }
                if (start.toInstant().isAfter(now) && isOpen(start.toInstant())) {
                    return Optional.of(start);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * When the team is back, for the customer: "today at 14:00 (Europe/Berlin)", "tomorrow at 09:00 (…)", "Monday at
     * 09:00 (…)" within a week, "Monday 5 January at 09:00 (…)" beyond; "now" while open. English, whatever the
     * customer's locale, until the widget's texts are translated. Empty when nothing opens within a year.
     */
    public Optional<String> backAt(Instant now, Locale customerLocale) {
        if (isOpen(now)) {
            return Optional.of("now");
        }
        return nextOpening(now).map(opening -> Reopening.phrase(now.atZone(timeZone), opening));
    }

    /** {@link #backAt(Instant, Locale)} in English. */
    public Optional<String> backAt(Instant now) {
        return backAt(now, Locale.ENGLISH);
    }
}
