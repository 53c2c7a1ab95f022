package io.parley.console;

import io.parley.handoff.BusinessHours;
import io.parley.handoff.DayHours;
import io.parley.handoff.InvalidSettingsException;
import io.parley.handoff.OpeningInterval;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The business hours form: around the clock or a schedule, a time zone, a row per weekday (closed, or up to {@value
 * BusinessHours#MAX_INTERVALS_PER_DAY} opening and closing times) and holidays one per line. Inputs are named
 * {@code monday-open-1}, {@code monday-close-1}, {@code monday-closed}; errors are keyed by those names.
 */
final class HoursForm {

    /** Slots shown for a day that uses fewer; more appear when a schedule set through the API has them. */
    private static final int SLOTS_SHOWN = 2;

    /** One opening and closing time of a day, as typed. */
    record Slot(int number, String openId, String open, String closeId, String close) {}

    /** A weekday's row. */
    record Day(String id, String label, boolean closed, List<Slot> slots) {}

    private final boolean aroundTheClock;
    private final String timeZone;
    private final List<Day> days;
    private final String holidays;

    private HoursForm(boolean aroundTheClock, String timeZone, List<Day> days, String holidays) {
        this.aroundTheClock = aroundTheClock;
        this.timeZone = timeZone;
        this.days = days;
        this.holidays = holidays;
    }

    static HoursForm of(BusinessHours hours) {
        List<Day> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpeningInterval> intervals =
                    hours.weekly().stream().filter(i -> i.day() == day).toList();
            List<String[]> times = new ArrayList<>();
            for (OpeningInterval interval : intervals) {
                // A time input cannot show 24:00; 00:00 as a closing time means the same.
                times.add(
                        new String[] {interval.openText(), interval.closesAtMidnight() ? "00:00" : interval.closeText()
                        });
            }
            days.add(day(day, intervals.isEmpty() && !hours.aroundTheClock(), times));
        }
        return new HoursForm(
                hours.aroundTheClock(),
                hours.timeZone().getId(),
                days,
                String.join(
                        "\n", hours.holidays().stream().map(LocalDate::toString).toList()));
    }

    static HoursForm of(MultiValueMap<String, String> form) {
        List<Day> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String id = id(day);
            List<String[]> times = new ArrayList<>();
            for (int n = 1; n <= BusinessHours.MAX_INTERVALS_PER_DAY; n++) {
                times.add(new String[] {value(form, id + "-open-" + n), value(form, id + "-close-" + n)});
            }
            while (times.size() > SLOTS_SHOWN && times.getLast()[0].isEmpty() && times.getLast()[1].isEmpty()) {
                times.removeLast();
            }
            days.add(day(day, "true".equals(value(form, id + "-closed")), times));
        }
        return new HoursForm(
                "always".equals(value(form, "schedule")), value(form, "timeZone"), days, value(form, "holidays"));
    }

    private static Day day(DayOfWeek day, boolean closed, List<String[]> times) {
        String id = id(day);
        List<Slot> slots = new ArrayList<>();
        for (int n = 1; n <= Math.max(SLOTS_SHOWN, times.size()); n++) {
            String[] t = n <= times.size() ? times.get(n - 1) : new String[] {"", ""};
            slots.add(new Slot(n, id + "-open-" + n, t[0], id + "-close-" + n, t[1]));
        }
        return new Day(id, day.getDisplayName(TextStyle.FULL, Locale.ENGLISH), closed, slots);
    }

    private static String id(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    private static String value(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }

    // Accessors are public for the template.
    public boolean aroundTheClock() {
        return aroundTheClock;
    }

    public String timeZone() {
        return timeZone;
    }

    public List<Day> days() {
        return days;
    }

    public String holidays() {
        return holidays;
    }

    /** The outcome of reading the form: hours to save, or what is wrong by input id. */
    record Result(BusinessHours hours, Map<String, String> errors) {}

    Result read() {
        Map<String, String> errors = new LinkedHashMap<>();
        List<DayHours> weekly = new ArrayList<>();
        List<Slot> origin = new ArrayList<>();
        if (!aroundTheClock) {
            for (Day day : days) {
                if (day.closed()) {
                    continue;
                }
                boolean any = false;
                for (Slot slot : day.slots()) {
                    if (slot.open().isEmpty() && slot.close().isEmpty()) {
                        continue;
                    }
                    any = true;
                    if (slot.open().isEmpty()) {
                        errors.put(slot.openId(), "Enter when it opens.");
                    } else if (slot.close().isEmpty()) {
                        errors.put(slot.closeId(), "Enter when it closes.");
                    } else {
                        weekly.add(new DayHours(day.id(), slot.open(), slot.close()));
                        origin.add(slot);
                    }
                }
                if (!any) {
                    errors.put(day.slots().getFirst().openId(), "Enter the hours, or tick Closed.");
                }
            }
            if (weekly.isEmpty() && errors.isEmpty()) {
                errors.put(
                        "schedule",
                        "Every day is closed. Enter hours for at least one day, or choose Around the clock.");
            }
        }
        List<String> dates = ProfileForm.lines(holidays);
        try {
            BusinessHours hours = BusinessHours.parse(timeZone, weekly, dates);
            return errors.isEmpty() ? new Result(hours, Map.of()) : new Result(null, errors);
        } catch (InvalidSettingsException e) {
            for (InvalidSettingsException.Problem problem : e.problems()) {
                errors.putIfAbsent(inputOf(problem.field(), origin), problem.message());
            }
            return new Result(null, errors);
        }
    }

    /** The input a problem of {@link BusinessHours#parse} is about. */
    private static String inputOf(String field, List<Slot> origin) {
        if (field.startsWith("weekly[")) {
            int end = field.indexOf(']');
            Slot slot = origin.get(Integer.parseInt(field.substring(7, end)));
            return field.endsWith(".close") ? slot.closeId() : slot.openId();
        }
        if (field.startsWith("holidays")) {
            return "holidays";
        }
        return field.equals("timeZone") ? "timeZone" : "schedule";
    }
}
