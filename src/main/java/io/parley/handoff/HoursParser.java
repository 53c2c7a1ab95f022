package io.parley.handoff;

import io.parley.handoff.InvalidSettingsException.Problem;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads business hours as typed (strings) and says, field by field, what is wrong with them. */
final class HoursParser {

    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-4]):([0-5]\\d)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INDEXED = Pattern.compile("weekly\\[(\\d+)]");

    private final List<Problem> problems = new ArrayList<>();
    /** For each interval read, its index in the weekly list as sent (entries with problems are left out). */
    private final List<Integer> sentIndex = new ArrayList<>();

    private HoursParser() {}

    static BusinessHours parse(String timeZone, List<DayHours> weekly, List<String> holidays) {
        HoursParser parser = new HoursParser();
        ZoneId zone = parser.timeZone(timeZone);
        List<OpeningInterval> intervals = parser.weekly(weekly);
        // Checked here too, so that a member sees every problem at once, not the overlaps only after the dates.
        for (Problem problem : BusinessHours.scheduleProblems(intervals)) {
            parser.problems.add(parser.renumbered(problem));
        }
        List<LocalDate> dates = parser.holidays(holidays);
        if (!parser.problems.isEmpty()) {
            throw new InvalidSettingsException(parser.problems);
        }
        return new BusinessHours(zone, intervals, dates);
    }

    /** The IANA zone with this name, matched without regard to case ("europe/berlin" is Europe/Berlin). */
    static Optional<ZoneId> zone(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String wanted = name.strip();
        return ZoneId.getAvailableZoneIds().stream()
                .filter(id -> id.equalsIgnoreCase(wanted))
                .findFirst()
                .map(ZoneId::of);
    }

    /** A problem about {@code weekly[k]} of the intervals read, renamed after the entry as it was sent. */
    private Problem renumbered(Problem problem) {
        Matcher m = INDEXED.matcher(problem.field());
        if (!m.matches()) {
            return problem;
        }
        return new Problem("weekly[" + sentIndex.get(Integer.parseInt(m.group(1))) + "]", problem.message());
    }

    private ZoneId timeZone(String name) {
        if (name == null || name.isBlank()) {
            problems.add(new Problem("timeZone", "Enter a time zone, such as Europe/Berlin or America/New_York."));
            return null;
        }
        Optional<ZoneId> zone = zone(name);
        if (zone.isEmpty()) {
            problems.add(new Problem(
                    "timeZone",
                    "'%s' is not a time zone. Use an IANA name, such as Europe/Berlin or America/New_York."
                            .formatted(shortened(name.strip()))));
        }
        return zone.orElse(null);
    }

    private List<OpeningInterval> weekly(List<DayHours> weekly) {
        List<OpeningInterval> intervals = new ArrayList<>();
        if (weekly == null) {
            return intervals;
        }
        if (weekly.size() > BusinessHours.MAX_INTERVALS_PER_DAY * 7) {
            problems.add(new Problem(
                    "weekly",
                    "There are %d entries; there can be at most %d a day."
                            .formatted(weekly.size(), BusinessHours.MAX_INTERVALS_PER_DAY)));
            return intervals;
        }
        for (int i = 0; i < weekly.size(); i++) {
            String field = "weekly[" + i + "]";
            DayHours entry = weekly.get(i);
            if (entry == null) {
                problems.add(new Problem(field, "Each entry is {day, open, close}."));
                continue;
            }
            DayOfWeek day = day(field + ".day", entry.day());
            LocalTime open = time(field + ".open", entry.open(), false);
            LocalTime close = time(field + ".close", entry.close(), true);
            if (day == null || open == null || close == null) {
                continue;
            }
            if (!close.equals(LocalTime.MIDNIGHT) && !close.isAfter(open)) {
                problems.add(new Problem(
                        field + ".close",
                        "It closes at %s, which is not after it opens at %s. Hours that run past midnight are two"
                                        .formatted(
                                                entry.close().strip(),
                                                entry.open().strip())
                                + " entries: one until 24:00, one from 00:00 the next day."));
                continue;
            }
            intervals.add(new OpeningInterval(day, open, close));
            sentIndex.add(i);
        }
        return intervals;
    }

    private DayOfWeek day(String field, String name) {
        if (name != null) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().equalsIgnoreCase(name.strip())) {
                    return day;
                }
            }
        }
        problems.add(new Problem(
                field,
                "'%s' is not a day. Use monday, tuesday, wednesday, thursday, friday, saturday or sunday."
                        .formatted(name == null ? "" : shortened(name.strip()))));
        return null;
    }

    private LocalTime time(String field, String text, boolean closing) {
        Matcher m = text == null ? null : TIME.matcher(text.strip());
        if (m == null || !m.matches()) {
            problems.add(new Problem(
                    field,
                    "'%s' is not a time. Use HH:mm on a 24-hour clock, such as 09:00 or 17:30%s."
                            .formatted(text == null ? "" : shortened(text.strip()), closing ? ", or 24:00" : "")));
            return null;
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        if (hour == 24) {
            if (!closing || minute != 0) {
                problems.add(new Problem(
                        field,
                        closing
                                ? "24:00 is the latest closing time."
                                : "24:00 is the end of a day: open at 00:00 the next day instead."));
                return null;
            }
            return LocalTime.MIDNIGHT;
        }
        return LocalTime.of(hour, minute);
    }

    private List<LocalDate> holidays(List<String> holidays) {
        List<LocalDate> dates = new ArrayList<>();
        if (holidays == null) {
            return dates;
        }
        if (holidays.size() > BusinessHours.MAX_HOLIDAYS) {
            problems.add(new Problem(
                    "holidays",
                    "There are %d holidays; there can be at most %d."
                            .formatted(holidays.size(), BusinessHours.MAX_HOLIDAYS)));
            return dates;
        }
        for (int i = 0; i < holidays.size(); i++) {
            String text = holidays.get(i) == null ? "" : holidays.get(i).strip();
            try {
                if (!DATE.matcher(text).matches()) {
                    throw new DateTimeException("not yyyy-mm-dd");
                }
                dates.add(LocalDate.parse(text));
            } catch (DateTimeException e) {
                problems.add(new Problem(
                        "holidays[" + i + "]",
                        "'%s' is not a date. Use YYYY-MM-DD, such as 2026-12-25.".formatted(shortened(text))));
            }
        }
        return dates;
    }

    /** Echoes at most 40 characters of what was sent, so that a problem never repeats a whole request. */
    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
