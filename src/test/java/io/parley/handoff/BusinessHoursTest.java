package io.parley.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.handoff.InvalidSettingsException.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Monday to Friday, 9 to 5, in New York. */
    private static BusinessHours newYorkOffice(String... holidays) {
        List<DayHours> weekly = new ArrayList<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            weekly.add(new DayHours(day, "09:00", "17:00"));
        }
        return BusinessHours.parse("America/New_York", weekly, List.of(holidays));
    }

    private static Instant utc(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void opensAndClosesOnTheOrganizationsClockWhateverTheInstantsZone() {
        BusinessHours hours = newYorkOffice();

        // Friday 6 March 2026 is winter time in New York: UTC-5.
        assertThat(hours.isOpen(utc("2026-03-06T13:59:00Z")))
                .as("08:59 in New York")
                .isFalse();
        assertThat(hours.isOpen(utc("2026-03-06T14:00:00Z"))).as("09:00").isTrue();
        assertThat(hours.isOpen(utc("2026-03-06T21:59:00Z"))).as("16:59").isTrue();
        assertThat(hours.isOpen(utc("2026-03-06T22:00:00Z")))
                .as("17:00, closing time")
                .isFalse();
        assertThat(hours.isOpen(utc("2026-03-07T15:00:00Z"))).as("Saturday").isFalse();
    }

    @Test
    void followsTheDaylightSavingChange() {
        BusinessHours hours = newYorkOffice();

        // Clocks go forward on Sunday 8 March 2026: 13:00 UTC is 08:00 on Friday and 09:00 on Monday.
        assertThat(hours.isOpen(utc("2026-03-06T13:00:00Z"))).isFalse();
        assertThat(hours.isOpen(utc("2026-03-09T13:00:00Z"))).isTrue();
        assertThat(hours.isOpen(utc("2026-03-09T12:59:00Z"))).isFalse();
        assertThat(hours.nextOpening(utc("2026-03-06T22:00:00Z")))
                .map(opening -> opening.toInstant())
                .contains(utc("2026-03-09T13:00:00Z"));
    }

    @Test
    void isClosedAllDayOnAHolidayAndReopensOnTheNextWorkingDay() {
        BusinessHours hours = newYorkOffice("2026-03-09");

        assertThat(hours.isOpen(utc("2026-03-09T15:00:00Z")))
                .as("Monday noon, a holiday")
                .isFalse();
        assertThat(hours.isOpen(utc("2026-03-10T15:00:00Z"))).as("Tuesday noon").isTrue();
        assertThat(hours.nextOpening(utc("2026-03-06T22:00:00Z")))
                .map(opening -> opening.toLocalDateTime().toString())
                .contains("2026-03-10T09:00");
        assertThat(hours.backAt(utc("2026-03-06T22:00:00Z"))).contains("Tuesday at 09:00 (America/New_York)");
    }

    @Test
    void saysWhenTheTeamIsBackInWords() {
        BusinessHours hours = newYorkOffice("2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20");

        assertThat(hours.backAt(utc("2026-03-09T15:00:00Z"))).as("open").contains("now");
        assertThat(hours.backAt(utc("2026-03-09T11:00:00Z"))).contains("today at 09:00 (America/New_York)");
        assertThat(hours.backAt(utc("2026-03-09T22:30:00Z"))).contains("tomorrow at 09:00 (America/New_York)");
        assertThat(hours.backAt(utc("2026-03-07T15:00:00Z"))).contains("Monday at 09:00 (America/New_York)");
        assertThat(hours.backAt(utc("2026-03-13T22:30:00Z")))
                .as("a week of holidays ahead")
                .contains("Monday 23 March at 09:00 (America/New_York)");
    }

    @Test
    void aDayCanHaveALunchBreak() {
        BusinessHours hours = BusinessHours.parse(
                "Europe/Berlin",
                List.of(new DayHours("monday", "09:00", "12:00"), new DayHours("monday", "13:00", "17:30")),
                List.of());

        // Monday 2 February 2026, winter time in Berlin: UTC+1.
        assertThat(hours.isOpen(utc("2026-02-02T10:59:00Z"))).as("11:59").isTrue();
        assertThat(hours.isOpen(utc("2026-02-02T11:30:00Z"))).as("12:30").isFalse();
        assertThat(hours.backAt(utc("2026-02-02T11:30:00Z"))).contains("today at 13:00 (Europe/Berlin)");
        assertThat(hours.isOpen(utc("2026-02-02T16:29:00Z"))).as("17:29").isTrue();
        assertThat(hours.isOpen(utc("2026-02-02T16:30:00Z"))).as("17:30").isFalse();
    }

    @Test
    void hoursUntilMidnightAreWrittenAs2400AndMayGoOnTheNextDay() {
        BusinessHours hours = BusinessHours.parse(
                "UTC",
                List.of(new DayHours("Friday", "20:00", "24:00"), new DayHours("SATURDAY", "0:00", "02:00")),
                List.of());

        assertThat(hours.isOpen(utc("2026-03-06T23:59:00Z"))).isTrue();
        assertThat(hours.isOpen(utc("2026-03-07T00:00:00Z"))).isTrue();
        assertThat(hours.isOpen(utc("2026-03-07T02:00:00Z"))).isFalse();
        assertThat(hours.weeklyText())
                .containsExactly(new DayHours("friday", "20:00", "24:00"), new DayHours("saturday", "00:00", "02:00"));
        assertThat(BusinessHours.parse("UTC", List.of(new DayHours("friday", "20:00", "00:00")), List.of())
                        .weeklyText())
                .as("00:00 as a closing time is midnight at the end of the day")
                .containsExactly(new DayHours("friday", "20:00", "24:00"));
    }

    @Test
    void anIntervalInsideTheSpringForwardGapNeverOpens() {
        BusinessHours hours = BusinessHours.parse(
                "America/New_York",
                List.of(new DayHours("sunday", "02:00", "02:30"), new DayHours("sunday", "10:00", "11:00")),
                List.of());

        assertThat(hours.nextOpening(utc("2026-03-08T05:00:00Z")))
                .as("from Sunday 00:00 on the day clocks skip from 02:00 to 03:00")
                .map(opening -> opening.toLocalDateTime().toString())
                .contains("2026-03-08T10:00");
    }

    @Test
    void anOpeningTimeThatComesTwiceWhenClocksGoBackIsFoundTheSecondTime() {
        BusinessHours hours =
                BusinessHours.parse("America/New_York", List.of(new DayHours("sunday", "01:30", "01:45")), List.of());

        // Sunday 1 November 2026: 01:00 to 02:00 happens twice, first at UTC-4 and then at UTC-5.
        Instant afterTheFirst = utc("2026-11-01T05:50:00Z");
        assertThat(hours.isOpen(afterTheFirst)).isFalse();
        assertThat(hours.nextOpening(afterTheFirst))
                .map(opening -> opening.toInstant())
                .contains(utc("2026-11-01T06:30:00Z"));
    }

    @Test
    void withoutASchedulePeopleAnswerAroundTheClock() {
        Instant anyTime = utc("2026-07-04T03:17:00Z");

        assertThat(BusinessHours.ALWAYS.isOpen(anyTime)).isTrue();
        assertThat(BusinessHours.ALWAYS.aroundTheClock()).isTrue();
        assertThat(BusinessHours.ALWAYS.nextOpening(anyTime))
                .map(z -> z.toInstant())
                .contains(anyTime);
        assertThat(BusinessHours.ALWAYS.backAt(anyTime)).contains("now");

        BusinessHours exceptChristmas = BusinessHours.parse("Europe/Paris", List.of(), List.of("2026-12-25"));
        assertThat(exceptChristmas.isOpen(utc("2026-12-25T12:00:00Z"))).isFalse();
        assertThat(exceptChristmas.backAt(utc("2026-12-25T12:00:00Z"))).contains("tomorrow at 00:00 (Europe/Paris)");
    }

    @Test
    void saysNothingWhenNothingOpensWithinAYear() {
        List<String> everyMonday = new ArrayList<>();
        for (LocalDate d = LocalDate.parse("2026-03-09"); everyMonday.size() < 60; d = d.plusWeeks(1)) {
            everyMonday.add(d.toString());
        }
        BusinessHours hours =
                BusinessHours.parse("UTC", List.of(new DayHours("monday", "09:00", "17:00")), everyMonday);

        assertThat(hours.nextOpening(utc("2026-03-07T12:00:00Z"))).isEmpty();
        assertThat(hours.backAt(utc("2026-03-07T12:00:00Z"))).isEmpty();
    }

    @Test
    void sortsTheScheduleAndDropsRepeatedHolidays() {
        BusinessHours hours = BusinessHours.parse(
                "europe/berlin",
                List.of(
                        new DayHours("tuesday", "13:00", "17:00"),
                        new DayHours("monday", "09:00", "12:00"),
                        new DayHours("tuesday", "08:00", "12:00")),
                List.of("2026-12-26", "2026-12-25", "2026-12-26"));

        assertThat(hours.timeZone().getId()).isEqualTo("Europe/Berlin");
        assertThat(hours.weeklyText())
                .extracting(DayHours::day, DayHours::open)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("monday", "09:00"),
                        org.assertj.core.groups.Tuple.tuple("tuesday", "08:00"),
                        org.assertj.core.groups.Tuple.tuple("tuesday", "13:00"));
        assertThat(hours.holidays()).extracting(LocalDate::toString).containsExactly("2026-12-25", "2026-12-26");
    }

    @Test
    void namesEveryFieldThatIsWrong() {
        assertThatThrownBy(() -> BusinessHours.parse(
                        "Mars/Olympus",
                        List.of(
                                new DayHours("mon", "09:00", "17:00"),
                                new DayHours("tuesday", "9am", "25:00"),
                                new DayHours("wednesday", "17:00", "09:00"),
                                new DayHours("thursday", "24:00", "24:00")),
                        List.of("2026-12-25", "2026-02-30", "25/12/2026")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field)
                        .containsExactly(
                                "timeZone",
                                "weekly[0].day",
                                "weekly[1].open",
                                "weekly[1].close",
                                "weekly[2].close",
                                "weekly[3].open",
                                "holidays[1]",
                                "holidays[2]"));
    }

    @Test
    void reportsAnOverlapTogetherWithTheOtherProblemsUnderTheEntrysIndexAsSent() {
        assertThatThrownBy(() -> BusinessHours.parse(
                        "UTC",
                        List.of(
                                new DayHours("funday", "09:00", "10:00"),
                                new DayHours("monday", "09:00", "13:00"),
                                new DayHours("monday", "12:00", "17:00")),
                        List.of("2026-13-01")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field)
                        .containsExactly("weekly[0].day", "weekly[2]", "holidays[0]"));
    }

    @Test
    void explainsEachProblemInPlainWords() {
        assertThat(problem("Nowhere/City", List.of(), List.of()))
                .isEqualTo(
                        new Problem(
                                "timeZone",
                                "'Nowhere/City' is not a time zone. Use an IANA name, such as Europe/Berlin or America/New_York."));
        assertThat(problem("+02:00", List.of(), List.of()).field())
                .as("offsets are not IANA names")
                .isEqualTo("timeZone");
        assertThat(problem("UTC", List.of(new DayHours("friday", "22:00", "02:00")), List.of())
                        .message())
                .contains("not after it opens at 22:00", "two entries");
        assertThat(problem(
                        "UTC",
                        List.of(new DayHours("monday", "09:00", "13:00"), new DayHours("monday", "12:00", "17:00")),
                        List.of()))
                .isEqualTo(new Problem("weekly[1]", "monday 12:00–17:00 overlaps 09:00–13:00 on the same day."));
        assertThat(problem("UTC", List.of(), List.of("2026-02-30")).message())
                .isEqualTo("'2026-02-30' is not a date. Use YYYY-MM-DD, such as 2026-12-25.");
        assertThat(problem(null, List.of(), List.of()).field()).isEqualTo("timeZone");
    }

    @Test
    void limitsTheEntriesPerDayAndTheHolidays() {
        List<DayHours> fiveOnMonday = List.of(
                new DayHours("monday", "01:00", "02:00"),
                new DayHours("monday", "03:00", "04:00"),
                new DayHours("monday", "05:00", "06:00"),
                new DayHours("monday", "07:00", "08:00"),
                new DayHours("monday", "09:00", "10:00"));
        List<String> tooManyHolidays = new ArrayList<>();
        for (LocalDate d = LocalDate.parse("2026-01-01"); tooManyHolidays.size() < 367; d = d.plusDays(1)) {
            tooManyHolidays.add(d.toString());
        }

        assertThat(problem("UTC", fiveOnMonday, List.of()))
                .isEqualTo(new Problem("weekly", "monday has 5 entries; a day can have at most 4."));
        assertThat(problem("UTC", List.of(), tooManyHolidays))
                .isEqualTo(new Problem("holidays", "There are 367 holidays; there can be at most 366."));
    }

    private static Problem problem(String zone, List<DayHours> weekly, List<String> holidays) {
        try {
            BusinessHours.parse(zone, weekly, holidays);
        } catch (InvalidSettingsException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().getFirst();
        }
        throw new AssertionError("no problem found");
    }
}
